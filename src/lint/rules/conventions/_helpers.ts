/**
 * Container images as the conventions rules see them: the image name without
 * tag or digest, read from the evaluated value or, when a tag variable has no
 * default, from the literal start of the template.
 */
import type { Attribute } from '../../types';

/** `registry/name` without `:tag` or `@digest` (a `:port` of the registry is kept). */
export function imageName(reference: string): string {
  const withoutDigest = reference.split('@', 1)[0] ?? reference;
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
}

/** Docker Hub spellings of one image compare equal: `docker.io/library/nginx` is `nginx`. */
export function normaliseImage(name: string): string {
  return name
    .toLowerCase()
    .replace(/^(index\.)?docker\.io\//, '')
    .replace(/^library\//, '');
}

/**
 * The image name of an `image` attribute. A value the evaluator could not know
 * (`"layer5/meshery:${var.image_tag}"` with no default for the tag) still names
 * its image when the literal part of the template runs up to the tag's `:`.
 */
export function imageNameOf(attribute: Attribute): string | undefined {
  const value = attribute.value();
  if (value.kind === 'string') return imageName(value.value);
  if (value.kind !== 'unknown') return undefined;
  const prefix = literalPrefix(attribute.exprText);
  if (prefix === undefined) return undefined;
  const colon = prefix.lastIndexOf(':');
  // Without a tag separator in the literal part, the name itself continues in an interpolation.
  if (colon <= prefix.lastIndexOf('/')) return undefined;
  return prefix.slice(0, colon);
}

/** The text of a quoted template before its first interpolation; undefined when it has escapes or none. */
function literalPrefix(exprText: string): string | undefined {
  const match = /^"([^"\\$%]*)(\$\{|%\{)/.exec(exprText.trim());
  return match?.[1];
}
