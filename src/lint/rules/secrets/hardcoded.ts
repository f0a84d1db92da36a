import { z } from 'zod';
import { externalSecretTargets, isExternalSecretsObject } from '../../../terraform/k8s/manifests';
import { createRule } from '../../rule';
import type { Range } from '../../../hcl/syntax';
import type { Attribute, Block, LVal, TfFile, TfModule } from '../../../terraform/types';
import { entryOf, lineStarts, rangeAt, within } from '../../../terraform/values';
import { SHAPES, entropy, hasShape, mayHaveShape, nameStrength, obviouslyNotSecret } from './_helpers';

/** Shorter literals cannot reach a meaningful entropy; only strongly named places report them. */
const MIN_ENTROPY_LENGTH = 16;

const optionsSchema = z
  .object({
    /** Shannon entropy (bits per character) from which a literal in a `*_key` place counts as a key. */
    entropyThreshold: z.number().positive().default(3.5),
  })
  .strict()
  .default({ entropyThreshold: 3.5 });

type Options = z.infer<typeof optionsSchema>;

const messages = {
  namedLiteral:
    '"{{name}}" is set to a literal credential; sync it from Vault with an ExternalSecret and read it through value_from.secret_key_ref',
  highEntropy: '"{{name}}" holds a high-entropy literal that looks like a key; sync it from Vault with an ExternalSecret instead',
  shape: 'Literal {{kind}} in the source; revoke it, store it in Vault and sync it with an ExternalSecret',
};

type MessageId = keyof typeof messages;

export default createRule({
  id: 'secrets/hardcoded',
  defaultSeverity: 'error',
  summary:
    'No literal credential in env values, encoded bodies, variable defaults or locals; no private keys or token-shaped strings anywhere.',
  options: optionsSchema,
  messages,
  check({ module, options, report }) {
    // One finding per literal, keyed by where the literal is written.
    const reported = new Set<string>();
    const emit: Emit = (messageId, data, range, literal, address) => {
      const key = `${literal.file}:${literal.line}:${literal.column}`;
      if (reported.has(key)) return;
      reported.add(key);
      report(address === undefined ? { messageId, data, range } : { messageId, data, range, address });
    };
    for (const file of module.files) scanShapes(module, file, emit);
    const walker = new Walker(module, options, emit);
    // Variables and locals first: a literal they hold is reported at their own attribute, not where it is used.
    const isOwner = (b: Block): boolean => b.type === 'variable' || b.type === 'locals';
    for (const block of [...module.blocks.filter(isOwner), ...module.blocks.filter((b) => !isOwner(b))]) walker.topLevel(block);
  },
});

/** `range`: where to report; `literal`: where the literal is written (one finding per literal). */
type Emit = (messageId: MessageId, data: Record<string, string>, range: Range, literal: Range, address?: string) => void;

/**
 * Token shapes and private key headers, wherever they are written, comments
 * included. Each shape runs once over the whole text, and only when the text
 * holds one of its needles: most files hold no candidate at all.
 */
function scanShapes(module: TfModule, file: TfFile, emit: Emit): void {
  let starts: number[] | undefined;
  for (const shape of SHAPES) {
    if (!mayHaveShape(shape, file.text)) continue;
    for (const match of file.text.matchAll(shape.pattern)) {
      starts ??= lineStarts(file.text);
      const range = rangeAt(file.path, starts, match.index, match[0].length);
      emit('shape', { kind: shape.kind }, range, range, addressAt(module, range));
    }
  }
}

function addressAt(module: TfModule, range: Range): string | undefined {
  return module.resources.find((r) => within(range, r.block.range))?.address;
}

/**
 * Walks every attribute of the module, naming each value after the place it
 * sits in: the attribute, the object key, an env's `name`, a variable's name.
 * A literal is judged where it is written; a literal reached through a
 * reference from a credential-named place is reported where it is written too.
 */
class Walker {
  private address: string | undefined;
  /** Names of the Secrets the module's ExternalSecrets write: a field holding one (Traefik's `basicAuth.secret`) names a Secret, it is not one. */
  private readonly secretNames: Set<string>;
  /** Address of each resource block, looked up once per top-level block. */
  private readonly addresses: Map<Block, string>;
  private readonly files: Set<string>;

  constructor(
    module: TfModule,
    private readonly options: Options,
    private readonly emit: Emit,
  ) {
    this.secretNames = new Set(externalSecretTargets(module).map((target) => target.name));
    this.addresses = new Map();
    // The first resource of a block wins, as a search in resource order would find it.
    for (const resource of module.resources) if (!this.addresses.has(resource.block)) this.addresses.set(resource.block, resource.address);
    this.files = new Set(module.files.map((file) => file.path));
  }

  topLevel(block: Block): void {
    this.address = this.addresses.get(block);
    if (block.type === 'variable') {
      const value = block.attributes['default'];
      if (value) this.attribute(value, block.labels[0] ?? value.name);
      return;
    }
    this.block(block);
  }

  private block(block: Block): void {
    const pairName = block.attributes['name']?.value();
    for (const attribute of Object.values(block.attributes)) {
      const name = attribute.name === 'value' && pairName?.kind === 'string' ? pairName.value : attribute.name;
      this.attribute(attribute, name);
    }
    for (const child of block.blocks) this.block(child);
  }

  private attribute(attribute: Attribute, name: string): void {
    this.value(attribute.value(), name, attribute.range, attribute.exprRange);
  }

  /** `at` is where to report a literal found directly here; `home` the source the walk started from. */
  private value(value: LVal, name: string | undefined, at: Range, home: Range): void {
    switch (value.kind) {
      case 'string':
        if (value.encodedFrom) this.value(value.encodedFrom, undefined, value.encodedFrom.range, home);
        else if (name !== undefined) this.literal(value, name, at, home);
        return;
      case 'tuple':
        for (const item of value.items) this.value(item, name, within(item.range, home) ? at : item.range, home);
        return;
      case 'object':
        this.object(value, home);
        return;
      default:
        return;
    }
  }

  private object(value: Extract<LVal, { kind: 'object' }>, home: Range): void {
    // ExternalSecret fields (secretKey, remoteRef.key) name credentials, they never hold one.
    if (isExternalSecretsObject(value)) return;
    const pairName = entryOf(value, 'name')?.value;
    for (const entry of value.entries) {
      const name = entry.key === 'value' && pairName?.kind === 'string' ? pairName.value : entry.key;
      this.value(entry.value, name, within(entry.keyRange, home) ? entry.keyRange : entry.value.range, home);
    }
  }

  private literal(value: Extract<LVal, { kind: 'string' }>, name: string, at: Range, home: Range): void {
    const strength = nameStrength(name);
    if (strength === undefined || obviouslyNotSecret(value.value) || hasShape(value.value) || this.secretNames.has(value.value)) return;
    // A literal written elsewhere (a local, a variable default) is reported there, if it is in this module.
    const range = within(value.range, home) ? at : value.range;
    if (!this.files.has(range.file)) return;
    const address = within(value.range, home) ? this.address : undefined;
    if (strength === 'strong') {
      this.emit('namedLiteral', { name }, range, value.range, address);
    } else if (value.value.length >= MIN_ENTROPY_LENGTH && entropy(value.value) >= this.options.entropyThreshold) {
      this.emit('highEntropy', { name }, range, value.range, address);
    }
  }
}
