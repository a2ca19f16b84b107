// A kubeconfig for a cluster nobody answers at (the 'unreachable' host): kubectl and the client library
// resolve it normally and then get ECONNREFUSED, as when Colima's k3s is down.

/** kubeconfig YAML pointing at `server`, without credentials. */
export const kubeconfigYaml = (server: string, namespace: string): string =>
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: simulated',
    '  cluster:',
    `    server: ${server}`,
    'contexts:',
    '- name: simulated',
    '  context:',
    '    cluster: simulated',
    '    user: simulated',
    `    namespace: ${namespace}`,
    'current-context: simulated',
    'users:',
    '- name: simulated',
    '  user: {}',
    '',
  ].join('\n');
