/** The apt timers that refresh the package lists and run unattended-upgrade, each once a day. */
export const UPDATE_TIMERS = ["apt-daily.timer", "apt-daily-upgrade.timer"] as const;
