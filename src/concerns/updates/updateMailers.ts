/** The programs unattended-upgrades mails its report with (the first found is used); without either, no mail is sent. */
export const UPDATE_MAILERS = ["/usr/bin/mail", "/usr/sbin/sendmail"] as const;
