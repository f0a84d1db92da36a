import rule from '../../../src/lint/rules/schema/provider-version';
import { testRule } from '../../support/rule-tester';
import { manifest, release, versions } from './_providers';

testRule(rule, {
  valid: [
    { name: 'helm 3.x and kubectl 2.x pinned', code: versions('~> 3.0') + release('') + manifest('') },
    { name: 'helm 2.x pinned to a minor', code: versions('~> 2.12') + release('') },
    { name: 'a module that uses no helm resource', code: versions('>= 2.0') + manifest('') },
    {
      name: 'kubectl from another source is another provider',
      code: versions(undefined, '~> 1.14').replace('alekc/kubectl', 'gavinbunney/kubectl') + manifest(''),
    },
  ],
  invalid: [
    {
      name: 'a major release with no committed schema',
      code: versions('~> 4.0') + release(''),
      expected: [
        {
          messageId: 'uncovered',
          line: 3,
          column: 5,
          message:
            'The helm constraint "~> 4.0" selects no release the offline schemas cover (hashicorp/helm 2.17.0, 3.1.1): its resources and provider block are not checked; pin one major release (e.g. version = "~> 3.0")',
        },
      ],
    },
    {
      name: 'a constraint that admits two majors',
      code: versions('>= 2.0') + release(''),
      expected: [{ messageId: 'uncovered', line: 3, column: 5 }],
    },
    {
      name: 'no helm entry in required_providers, reported at the release',
      code: versions(undefined) + release(''),
      expected: [{ messageId: 'uncovered', line: 10, column: 1 }],
    },
    {
      name: 'only a provider block, and kubectl pinned to an older major',
      code: versions(undefined, '~> 1.0') + manifest('') + '\nprovider "helm" {\n  kubernetes = {\n    config_path = "~/.kube/config"\n  }\n}\n',
      expected: [
        { messageId: 'uncovered', line: 3, column: 5 },
        { messageId: 'uncovered', line: 18, column: 1 },
      ],
    },
  ],
});
