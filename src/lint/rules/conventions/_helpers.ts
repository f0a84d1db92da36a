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
