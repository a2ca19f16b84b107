import type { RedactionRule } from '../types.js';
import anthropicKey from './anthropic-key.js';
import authorizationHeader from './authorization-header.js';
import awsKey from './aws-key.js';
import bearerToken from './bearer-token.js';
import cliSecretFlag from './cli-secret-flag.js';
import discordToken from './discord-token.js';
import githubToken from './github-token.js';
import jsonSecretKey from './json-secret-key.js';
import jwt from './jwt.js';
import kubeconfigCredential from './kubeconfig-credential.js';
import launchctlEnv from './launchctl-env.js';
import openaiKey from './openai-key.js';
import pemPrivateKey from './pem-private-key.js';
import plistEnv from './plist-env.js';
import providerToken from './provider-token.js';
import secretKeyValue from './secret-key-value.js';
import shellAssignment from './shell-assignment.js';
import slackToken from './slack-token.js';
import startScriptLiteral from './start-script-literal.js';
import telegramBotToken from './telegram-bot-token.js';
import urlCredentials from './url-credentials.js';
import xmlSecret from './xml-secret.js';

// The redaction catalog, alphabetical by id (test/redact/catalog.test.ts checks it). The order rules run in is
// not this one: src/redact/plan.ts decides it.

/** Every rule of the catalog. */
export const RULES: readonly RedactionRule[] = [
  anthropicKey,
  authorizationHeader,
  awsKey,
  bearerToken,
  cliSecretFlag,
  discordToken,
  githubToken,
  jsonSecretKey,
  jwt,
  kubeconfigCredential,
  launchctlEnv,
  openaiKey,
  pemPrivateKey,
  plistEnv,
  providerToken,
  secretKeyValue,
  shellAssignment,
  slackToken,
  startScriptLiteral,
  telegramBotToken,
  urlCredentials,
  xmlSecret,
];
