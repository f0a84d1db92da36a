/** HCL builders for the image rule tables, in the shapes hand-written modules have. */

/** A container block; `body` lines are indented for the container. */
export const container = (name: string, image: string, body = '', type = 'container'): string => `        ${type} {
          name  = "${name}"
          image = ${image}
${body}        }
`;

/** A workload of `type` whose pod spec (containers and the rest) starts on line 12 (line 13 for a CronJob). */
export const workload = (type: string, name: string, podSpec: string): string => {
  const pod = `      spec {
${podSpec}      }`;
  if (type.startsWith('kubernetes_cron_job')) {
    return `resource "${type}" "${name}" {
  metadata {
    name = "${name}"
  }

  spec {
    schedule = "0 3 * * *"
    job_template {
      metadata {}
      spec {
        template {
          metadata {}
${pod.replace(/^/gm, '    ')}
        }
      }
    }
  }
}
`;
  }
  return `resource "${type}" "${name}" {
  metadata {
    name = "${name}"
  }

  spec {
    template {
      metadata {
        labels = { app = "${name}" }
      }

${pod}
    }
  }
}
`;
};

export const deployment = (podSpec: string, name = 'app'): string => workload('kubernetes_deployment_v1', name, podSpec);
