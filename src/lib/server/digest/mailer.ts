/** Email delivery through nodemailer's SMTP transport, configured by PARTNERSCOPE_SMTP_URL and PARTNERSCOPE_MAIL_FROM. */
import nodemailer, { type Transporter } from 'nodemailer';

export interface MailMessage {
	readonly to: string;
	readonly subject: string;
	readonly html: string;
	readonly text: string;
	readonly attachments?: readonly { readonly filename: string; readonly content: Buffer; readonly contentType: string; readonly cid?: string }[];
}

export interface Mailer {
	send(message: MailMessage): Promise<void>;
	close(): void;
}

export function smtpMailer(smtpUrl: string, from: string): Mailer {
	const transport: Transporter = nodemailer.createTransport(smtpUrl, { from });
	return {
		async send(m) {
			await transport.sendMail({
				from,
				to: m.to,
				subject: m.subject,
				html: m.html,
				text: m.text,
				attachments: (m.attachments ?? []).map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType, ...(a.cid ? { cid: a.cid, contentDisposition: 'inline' as const } : {}) }))
			});
		},
		close: () => transport.close()
	};
}
