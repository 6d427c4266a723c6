const Sequencer = require("@jest/test-sequencer").default;

/**
 * The lab suites, slowest first (minutes in a run on 2 cores, two suites at once, first image builds included):
 * each newest-Home-Assistant file ~12, the 2026.7 one ~9 with its image build, vpn and haImage ~8, firewall,
 * convergence and hardening ~6, lockdown ~5, updates ~3, labHost seconds. Jest's own order (last durations, else
 * file size) knows nothing on a fresh clone; started longest first, the two workers finish together.
 */
const LAB_SLOWEST_FIRST = [
  "homeAssistant.debian-13",
  "homeAssistant.debian-12",
  "homeAssistantYamlHttp",
  "vpn",
  "haImage",
  "firewall",
  "convergence",
  "hardening",
  "lockdown",
  "updates",
  "labHost",
];

/** A lab suite's place in LAB_SLOWEST_FIRST; a lab suite not listed comes after them, every other file last. */
function rank(testPath) {
  const m = /[\\/]test[\\/]lab[\\/]([^\\/]+)\.test\.ts$/.exec(testPath);
  if (!m) return LAB_SLOWEST_FIRST.length + 1;
  const i = LAB_SLOWEST_FIRST.indexOf(m[1]);
  return i < 0 ? LAB_SLOWEST_FIRST.length : i;
}

class SlowestLabFirst extends Sequencer {
  sort(tests) {
    // Array.prototype.sort is stable: within a rank, jest's own order stands.
    return [...super.sort(tests)].sort((a, b) => rank(a.path) - rank(b.path));
  }
}

module.exports = SlowestLabFirst;
module.exports.rank = rank;
module.exports.LAB_SLOWEST_FIRST = LAB_SLOWEST_FIRST;
