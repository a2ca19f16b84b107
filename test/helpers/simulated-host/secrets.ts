// Fake credentials in their real formats, planted in presets (plist EnvironmentVariables, start-script
// literals, a Redis URL password, a token inside a Telegram API URL) so redaction tests can assert that
// none of them survives into a bundle. None of them is a live credential.

const TELEGRAM_SECRET = 'AAFk3-gwbundleFakeTelegramBotTok9xQ'; // 35 chars after the colon, like a real bot token
if (TELEGRAM_SECRET.length !== 35) throw new Error('the fake telegram token must have 35 chars after the colon');

/** Every planted fake value, by what it imitates. */
export const FAKE = {
  telegramBotToken: `7412365890:${TELEGRAM_SECRET}`,
  slackBotToken: 'xoxb-2718281828-3141592653589-GwbundleFakeSlackBotTok0',
  slackUserToken: 'xoxp-2718281828-3141592653589-2236067977499-0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  discordBotToken: 'MTA5ODc2NTQzMjEwOTg3NjU0.GwFake.gwbundle-fake-discord-token-0123',
  githubToken: 'ghp_GwbundleFakeGithubToken0123456789AbC',
  openaiKey: `sk-proj-${'GwbundleFakeOpenAIKey'.padEnd(58, '0')}T3BlbkFJ${'gwbundleFakeOpenAIKeyTail'.padEnd(58, 'x')}`,
  anthropicKey: `sk-ant-api03-${'GwbundleFakeAnthropicKey'.padEnd(93, 'q')}AA`,
  awsAccessKeyId: 'AKIAGWBUNDLEFAKE0123',
  redisPassword: 'gwFakeRedisPassw0rd-7c1e',
} as const;

/** The values the redaction corpus test looks for: none may appear in a redacted bundle. */
export const PLANTED_SECRETS: string[] = Object.values(FAKE);
