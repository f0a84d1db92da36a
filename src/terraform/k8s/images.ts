/**
 * Container images: the name of an image reference, read from a literal or from the literal prefix of a template.
 */
import type { Attribute, Block } from '../types';
import { attr, memo } from './blocks';

export interface ImageName {
  /** As written, without tag or digest: `quay.io/prometheus/prometheus`, `grafana/grafana`. */
  written: string;
  /** Without the registry host and Docker Hub's `library/`: `prometheus/prometheus`, `nginx`. */
  repository: string;
}

/** A registry host: a first segment with a dot or a port, or `localhost`. */
const REGISTRY_HOST = /[.:]|^localhost$/;
/** The literal text of a quoted template before its first interpolation (no escapes in it). */
const LITERAL_PREFIX = /^"([^"\\$%]*)(\$\{|%\{)/;

/** The name of an image reference (`registry/name:tag@digest`). */
export function imageName(reference: string): ImageName {
  const withoutDigest = reference.split('@', 1)[0] ?? reference;
  const colon = withoutDigest.lastIndexOf(':');
  const written = colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
  const parts = written.split('/');
  if (parts.length > 1 && REGISTRY_HOST.test(parts[0] ?? '')) parts.shift();
  if (parts[0] === 'library' && parts.length > 1) parts.shift();
  return { written, repository: parts.join('/') };
}

/**
 * The image name of an `image` attribute. A value the evaluator could not know
 * (`"layer5/meshery:${var.image_tag}"` with no default for the tag) still names
 * its image when the literal part of the template runs up to the tag's `:`.
 */
export const imageNameOf: (attribute: Attribute) => ImageName | undefined = memo((attribute) => {
  const value = attribute.value();
  if (value.kind === 'string') return imageName(value.value);
  if (value.kind !== 'unknown') return undefined;
  const prefix = LITERAL_PREFIX.exec(attribute.exprText.trim())?.[1];
  if (prefix === undefined) return undefined;
  const colon = prefix.lastIndexOf(':');
  // Without a tag separator in the literal part, the name itself continues in an interpolation.
  if (colon <= prefix.lastIndexOf('/')) return undefined;
  return imageName(prefix.slice(0, colon));
});

/** The image a container runs, when its name can be read, with its `image` attribute. */
export function containerImage(container: Block): { name: ImageName; attribute: Attribute } | undefined {
  const attribute = attr(container, 'image');
  const name = attribute && imageNameOf(attribute);
  return attribute && name ? { name, attribute } : undefined;
}

/** The parts of an image reference (`registry/name:tag@digest`) that say where it comes from and how it is pinned. */
export interface ImageReference {
  /** The registry host (with its port), lower case; undefined for Docker Hub. */
  host: string | undefined;
  /** The tag; undefined when none is written (the registry serves `latest`). */
  tag: string | undefined;
  /** The digest (`sha256:...`), when the reference pins one. */
  digest: string | undefined;
}

/** Split a reference into registry host, tag and digest. */
export function imageReference(reference: string): ImageReference {
  const at = reference.indexOf('@');
  const digest = at === -1 ? undefined : reference.slice(at + 1);
  const name = at === -1 ? reference : reference.slice(0, at);
  const colon = name.lastIndexOf(':');
  const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
  return { host: registryHost(name), tag, digest };
}

/** The registry host a name starts with: its first segment when that has a dot or a port, or is `localhost`. */
function registryHost(name: string): string | undefined {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  return REGISTRY_HOST.test(first) ? first.toLowerCase() : undefined;
}

/** The literal start of a quoted template, before its first interpolation. */
const LITERAL_START = /^"([^"\\$%]*)/;

/**
 * The registry host of an `image` attribute: from its value, or from the literal
 * start of a template the evaluator could not know
 * (`"registry.example.org/${var.name}:${var.tag}"`) when the host is written out
 * up to its `/`. Undefined for Docker Hub and for a host that is not known.
 */
export function imageHostOf(attribute: Attribute): { host: string | undefined } | undefined {
  const value = attribute.value();
  if (value.kind === 'string') return { host: imageReference(value.value).host };
  if (value.kind !== 'unknown') return undefined;
  const start = LITERAL_START.exec(attribute.exprText.trim())?.[1];
  if (start !== undefined && start.includes('/')) return { host: registryHost(start) };
  const name = imageNameOf(attribute);
  return name && { host: registryHost(name.written) };
}

/**
 * How the conventions rules compare image names written in different places
 * (a container, the constitution, a Renovate comment).
 */

const DOCKER_HUB = /^(index\.)?docker\.io\//;
const LIBRARY = /^library\//;

/** Docker Hub spellings of one image compare equal: `docker.io/library/nginx` is `nginx`. */
export function normaliseImage(name: string): string {
  return name.toLowerCase().replace(DOCKER_HUB, '').replace(LIBRARY, '');
}
