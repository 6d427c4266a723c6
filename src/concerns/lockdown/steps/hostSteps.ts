import { createHash } from "crypto";
import type { HostConfig } from "../../../config/schema";
import type { HostSteps } from "../../../core/hostSteps";
import { INSTALL_FILE_SCRIPT } from "../../../core/steps/installFileScript";
import { INSTALL_PACKAGES_SCRIPT } from "../../packages/steps/installPackagesScript";
import { fileEdits, mountOptions } from "../fileEdits";
import { LOCKDOWN_PACKAGES } from "../lockdownPackages";
import { LOCKDOWN_PATHS } from "../lockdownPaths";
import { renderLockdownFiles } from "../renderLockdownFiles";
import { APPLY_MOUNTS_SCRIPT } from "./applyMountsScript";
import { APPLY_SYSCTL_SCRIPT } from "./applySysctlScript";
import { EDIT_FILE_SCRIPT } from "./editFileScript";
import { INIT_AIDE_SCRIPT } from "./initAideScript";
import { INSTALL_SUDOERS_SCRIPT } from "./installSudoersScript";
import { LOAD_AUDIT_RULES_SCRIPT } from "./loadAuditRulesScript";
import { RESTART_JOURNALD_SCRIPT } from "./restartJournaldScript";
import { RESTRICT_CRON_SCRIPT } from "./restrictCronScript";
import { TIME_SYNC_SCRIPT } from "./timeSyncScript";

const digest = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 16);

/** Cron's own files, made root-only. */
const CRON_PATHS = ["/etc/crontab", "/etc/cron.d", "/etc/cron.hourly", "/etc/cron.daily", "/etc/cron.weekly", "/etc/cron.monthly"];

/**
 * The host lockdown, over the admin login once access is proven: its packages, its whole files, its edits of
 * login.defs, /etc/pam.d/su, /etc/fstab, debsums and AIDE, then what makes them live (sysctls, mounts, journald,
 * audit rules), cron's modes, time sync, and last AIDE's database.
 */
export const hostSteps: HostSteps<HostConfig> = {
  adminOnly(ctx, after) {
    const packages = LOCKDOWN_PACKAGES.map((p) => p.name);
    const installed = ctx.run({
      step: "lockdown-packages",
      manifest: { kind: "packages", host: ctx.name, packages },
      script: INSTALL_PACKAGES_SCRIPT,
      args: packages,
      dependsOn: after,
    });
    const files = new Map<string, { path: string; content: string; resource: ReturnType<typeof ctx.run> }>();
    for (const f of renderLockdownFiles(ctx.host, ctx.os)) {
      const isSudoers = f.path === LOCKDOWN_PATHS.sudoers;
      const resource = ctx.run({
        step: f.step,
        manifest: { kind: "file", host: ctx.name, path: f.path, mode: f.mode, owner: f.owner, group: f.group },
        script: isSudoers ? INSTALL_SUDOERS_SCRIPT : INSTALL_FILE_SCRIPT,
        args: [f.path, f.mode, f.owner, f.group],
        stdin: f.content,
        dependsOn: [installed],
      });
      files.set(f.step, { path: f.path, content: f.content, resource });
    }
    const edits = new Map(
      fileEdits(ctx.host, ctx.os).map((e) => [
        e.step,
        ctx.run({
          step: e.step,
          manifest: { kind: "file-edit", host: ctx.name, path: e.path, edit: e.edit },
          script: EDIT_FILE_SCRIPT,
          args: [e.path, e.edit],
          stdin: e.lines.join("\n") + "\n",
          dependsOn: [installed],
        }),
      ]),
    );
    const sysctl = files.get("lockdown-sysctl")!;
    ctx.run({
      step: "lockdown-sysctl-apply",
      manifest: { kind: "script", host: ctx.name, purpose: `apply ${sysctl.path} to the running kernel` },
      script: APPLY_SYSCTL_SCRIPT,
      args: [sysctl.path, digest(sysctl.content)],
      dependsOn: [sysctl.resource],
    });
    const m = mountOptions(ctx.host);
    ctx.run({
      step: "lockdown-mounts-apply",
      manifest: { kind: "script", host: ctx.name, purpose: "remount /dev/shm and /tmp with their fstab options" },
      script: APPLY_MOUNTS_SCRIPT,
      args: [m.devShm, m.tmp],
      dependsOn: [edits.get("lockdown-fstab")!],
    });
    const journald = files.get("lockdown-journald")!;
    ctx.run({
      step: "lockdown-journald-restart",
      manifest: { kind: "script", host: ctx.name, purpose: "restart journald with its persistent, bounded drop-in" },
      script: RESTART_JOURNALD_SCRIPT,
      args: [digest(journald.content)],
      dependsOn: [journald.resource],
    });
    const audit = files.get("lockdown-audit-rules")!;
    ctx.run({
      step: "lockdown-audit-load",
      manifest: { kind: "script", host: ctx.name, purpose: "load the audit rules into a running auditd" },
      script: LOAD_AUDIT_RULES_SCRIPT,
      args: [digest(audit.content)],
      // The rules watch /var/log/sudo.log, which exists once sudo has run with the lockdown's drop-in.
      dependsOn: [audit.resource, files.get("lockdown-sudoers")!.resource],
    });
    ctx.run({
      step: "lockdown-cron-modes",
      manifest: { kind: "script", host: ctx.name, purpose: "make the system crontab and cron's directories root-only" },
      script: RESTRICT_CRON_SCRIPT,
      args: CRON_PATHS,
      dependsOn: [installed],
    });
    ctx.run({
      step: "lockdown-time-sync",
      manifest: { kind: "script", host: ctx.name, purpose: "keep the clock synchronised with systemd-timesyncd unless another time daemon does" },
      script: TIME_SYNC_SCRIPT,
      dependsOn: [installed],
    });
    // Last: the database records the host as the lockdown leaves it.
    ctx.run({
      step: "lockdown-aide-init",
      manifest: { kind: "script", host: ctx.name, purpose: "create AIDE's database once" },
      script: INIT_AIDE_SCRIPT,
      dependsOn: [...files.values()].map((f) => f.resource).concat([...edits.values()]),
    });
  },
};
