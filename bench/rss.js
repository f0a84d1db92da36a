// Preloaded into measured runs: reports the process's peak resident set size.
process.on('exit', () => {
  if (process.env.GEN_MODULES_BENCH_RSS)
    require('node:fs').writeFileSync(process.env.GEN_MODULES_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
