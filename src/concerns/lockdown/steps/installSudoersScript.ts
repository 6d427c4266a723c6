import { INSTALL_FILE_SCRIPT } from "../../../core/steps/installFileScript";

/**
 * Installs stdin as a sudoers drop-in only when `visudo -c` accepts it (sudo refuses to run at all with a
 * broken drop-in, which would lock the admin out), then as the generic file install does. Args: path mode owner group.
 */
export const INSTALL_SUDOERS_SCRIPT = `
staged=$(mktemp)
cat > "$staged"
if ! visudo -cqf "$staged" >&2; then
  rm -f -- "$staged"
  fail "sudo rejects the drop-in for $1 (visudo -c), so it was not installed" "correct the sudoers lines the lockdown renders, then run pulumi up again"
fi
exec < "$staged"
rm -f -- "$staged"
${INSTALL_FILE_SCRIPT.trim()}
`;
