import { z } from 'zod';
import { createRule } from '../../rule';
import { attrValue } from '../../../terraform/k8s/blocks';
import { containerImage } from '../../../terraform/k8s/images';
import { isWithin, mountOfPath, normalisePath } from '../../../terraform/k8s/storage';
import { containerStrings, type LocatedString } from '../../../terraform/k8s/workloads';
import type { Range } from '../../../hcl/syntax';
import type { Block } from '../../../terraform/types';
import { isWhollyKnown } from '../../../terraform/values';
import { classWhere, containersWithMounts, mountNames, type Backing, type Mount } from '../../../terraform/k8s/storage';

const ID = 'storage/tsdb-on-nfs';

const defaults = {
  flags: ['storage.tsdb.path', 'tsdb.path', 'storageDataPath'],
  // Docker Hub and Quay names of the same image; its Dockerfile sets `--storage.tsdb.path=/prometheus`.
  images: [
    { image: 'prom/prometheus', dataPath: '/prometheus' },
    { image: 'prometheus/prometheus', dataPath: '/prometheus' },
  ],
};

const optionsSchema = z
  .object({
    /** Flags (without leading dashes) that set a TSDB data directory. */
    flags: z.array(z.string().min(1)).default(defaults.flags),
    /** Images whose TSDB lives in a known directory when no flag sets it. */
    images: z.array(z.object({ image: z.string().min(1), dataPath: z.string().min(1) }).strict()).default(defaults.images),
  })
  .strict()
  .default(defaults);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface DataDir {
  path: string;
  range: Range;
}

interface FlagPatterns {
  /** `--flag=/dir` or `--flag /dir` within one string. */
  inline: RegExp;
  /** The flag as a whole item, its value in the next one. */
  alone: RegExp;
}

/** Patterns by flag, compiled once: the flags come from options, the same for every container. */
const flagPatterns = new Map<string, FlagPatterns>();

function patternsOf(flag: string): FlagPatterns {
  let patterns = flagPatterns.get(flag);
  if (patterns === undefined) {
    patterns = {
      inline: new RegExp(`(?:^|\\s)-{1,2}${escape(flag)}(?:=|\\s+)([^\\s'"]+)`, 'g'),
      alone: new RegExp(`^-{1,2}${escape(flag)}$`),
    };
    flagPatterns.set(flag, patterns);
  }
  return patterns;
}

/** `--flag=/dir`, `--flag /dir` inside one string (a shell line), or `--flag` followed by `/dir` as the next item. */
function flagDirs(strings: LocatedString[], flags: string[]): DataDir[] {
  const out: DataDir[] = [];
  for (const flag of flags) {
    const { inline, alone } = patternsOf(flag);
    strings.forEach((located, index) => {
      for (const match of located.text.matchAll(inline)) if (match[1]) out.push({ path: match[1], range: located.range });
      const next = strings[index + 1];
      if (alone.test(located.text.trim()) && located.list && next?.list === located.list && next.index === (located.index ?? 0) + 1) {
        out.push({ path: next.text, range: next.range });
      }
    });
  }
  return out.filter((dir) => dir.path.startsWith('/')).map((dir) => ({ ...dir, path: normalisePath(dir.path) }));
}

function argumentsKnown(container: Block): boolean {
  return ['command', 'args'].every((name) => {
    const value = attrValue(container, name);
    return value === undefined || isWhollyKnown(value);
  });
}

/** The NFS-backed mount holding the directory, or an NFS mount inside it (part of the TSDB on NFS). */
function nfsMountOf(mounts: Mount[], dir: string): (Mount & { backing: Backing }) | undefined {
  const holder = mountOfPath(mounts, dir);
  const candidates = [...(holder ? [holder] : []), ...mounts.filter((m) => m.path !== dir && isWithin(m.path, dir))];
  return candidates.find((m): m is Mount & { backing: Backing } => m.backing?.nfs === true);
}

export default createRule({
  id: ID,
  defaultSeverity: 'warning',
  summary: 'Prometheus-style TSDB data directories are not on an NFS-backed class',
  messages: {
    tsdb: 'TSDB directory {{path}} is on volume "{{volume}}", {{backing}}, served over NFS, which the TSDB does not support (it can corrupt data): use {{alternative}}',
  },
  options: optionsSchema,
  check({ module, constitution, options, report }) {
    const local = classWhere(constitution, (storage) => !storage.nfs);
    const alternative = local === undefined ? 'a class that is not NFS' : `a class that is not NFS, such as "${local}"`;
    for (const { container, mounts } of containersWithMounts(module, constitution)) {
      if (!mounts.some((m) => m.backing?.nfs)) continue;
      let dirs = flagDirs(containerStrings(container.block), options.flags);
      // An unknown argument may be the flag itself: then the image default is not known to apply.
      if (dirs.length === 0 && argumentsKnown(container.block)) {
        const image = containerImage(container.block);
        const known = image && options.images.find((entry) => entry.image === image.name.repository);
        if (image && known) dirs = [{ path: normalisePath(known.dataPath), range: image.attribute.range }];
      }
      for (const dir of dirs) {
        const mount = nfsMountOf(mounts, dir.path);
        if (!mount) continue;
        report({
          messageId: 'tsdb',
          data: { path: dir.path, volume: mount.volume, backing: mount.backing.description, alternative },
          range: dir.range,
          address: container.workload.resource.address,
          subjects: mountNames(module, mount),
          storageClass: mount.backing.className,
        });
      }
    }
  },
});
