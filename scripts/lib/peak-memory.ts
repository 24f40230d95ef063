// Loaded with `--import` by the benchmark: reports the process's peak resident memory as it exits.
process.on("exit", () => {
  process.stderr.write(`\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
