/**
 * Remounts /dev/shm and /tmp with the options their fstab lines now carry, when they are mount points (on
 * Debian 12 /tmp becomes a tmpfs at the next boot). In a container a refused remount is reported, not
 * failed. Args: devShmOptions tmpOptions. Prints what it did.
 */
export const APPLY_MOUNTS_SCRIPT = `
container=no
if systemd-detect-virt --quiet --container; then container=yes; fi
systemctl daemon-reload
for spec in "/dev/shm=$1" "/tmp=$2"; do
  mp=\${spec%%=*} opts=\${spec#*=}
  if ! mountpoint -q -- "$mp"; then echo "$mp is not a mount point yet: its fstab line applies at the next boot"; continue; fi
  have=$(findmnt -no OPTIONS -- "$mp")
  missing=0
  for o in \${opts//,/ }; do case ",$have," in *",$o,"*) ;; *) missing=1;; esac; done
  if [ "$missing" -eq 0 ]; then echo "unchanged $mp ($opts)"; continue; fi
  if mount -o "remount,$opts" -- "$mp" 2>/dev/null; then echo "changed $mp ($opts)"; continue; fi
  if [ "$container" = yes ]; then echo "not remounted: this container refuses to remount $mp (the fstab line applies on a real host)"; continue; fi
  fail "remounting $mp with $opts failed" "run mount -o remount,$opts $mp on the host to see why, then run pulumi up again"
done
`;
