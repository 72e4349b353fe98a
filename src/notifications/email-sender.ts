import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { EmailPayload } from './notification.types';

/** Sends mail over SMTP_URL through one nodemailer transport, created at the first mail. */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private transport?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return !!this.config.smtpUrl;
  }

  /** Sends one mail; resolves with the server's response line, rejects with its error. */
  async send(to: string, payload: EmailPayload): Promise<string> {
    const info = await this.transporter().sendMail({
      from: this.config.smtpFrom,
      to,
      subject: payload.subject,
      text: payload.text,
      html: payload.html,
      headers: payload.headers,
      attachments: (payload.attachments ?? []).map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.contentBase64, 'base64'),
      })),
    });
    return String(info.response ?? 'accepted');
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  private transporter(): Transporter {
    if (!this.config.smtpUrl) throw new Error('SMTP_URL not set');
    // A server that does not answer must not hold a notifications worker for minutes.
    this.transport ??= nodemailer.createTransport({
      url: this.config.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return this.transport;
  }
}
