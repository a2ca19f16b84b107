import { describe, expect, it } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { createContext } from '../../../src/replay/context.js';
import layer from '../../../src/replay/layers/model-api.js';
import { type ArtifactInput, bundleFrom } from '../../helpers/bundle-from.js';

const run = (arts: Record<string, ArtifactInput>) => layer.run(createContext(bundleFrom(arts)));

describe('model-api layer', () => {
  it('is skipped when the API was not probed', () => {
    expect(run({ [A.modelApiProbe.id]: { status: 'skipped', reason: 'not requested' } }).status).toBe('skipped');
    expect(run({}).detail).toBe('not probed (collect with --probe-model-api)');
  });

  it('is ok when the API answers with authentication_error', () => {
    const body = '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}';
    expect(run({ [A.modelApiProbe.id]: { content: body, exitCode: 0 } }).status).toBe('ok');
  });

  it('degrades on any other body, quoting its start', () => {
    const r = run({ [A.modelApiProbe.id]: { content: '<html>Service Unavailable</html>', exitCode: 0 } });
    expect(r).toMatchObject({ status: 'degraded', detail: 'Unexpected response: <html>Service Unavailable</html>' });
  });

  it('fails when curl could not reach the API', () => {
    const r = run({ [A.modelApiProbe.id]: { content: '', status: 'error', exitCode: 6, stderr: 'curl: (6) Could not resolve host: api.anthropic.com\n' } });
    expect(r.status).toBe('failed');
    expect(r.detail).toBe("API unreachable: curl exit 6 (couldn't resolve host): curl: (6) Could not resolve host: api.anthropic.com");
  });

  it('is unknown when probing was asked for but curl is not installed', () => {
    const view = bundleFrom({ [A.modelApiProbe.id]: { status: 'missing', reason: 'command not found: curl' } });
    view.manifest.options.probeModelApi = true;
    const r = layer.run(createContext(view));
    expect(r.status).toBe('unknown');
    expect(r.reason).toContain('command not found: curl');
  });
});
