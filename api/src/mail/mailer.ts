import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends the few emails the product sends (invitations, password resets)
 * through TPTM_SMTP_URL. Without it the server sends nothing and says so:
 * links are then shown to the inviter, or printed by `npm run reset-password`.
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport: Transporter | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.smtpUrl ? createTransport(config.smtpUrl, { from: config.smtpFrom }) : undefined;
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  /**
   * Sends in the background: the caller's answer must not wait on, or vary
   * with, a mail server. A failure is logged by its code only, since the
   * message holds a one-time link.
   */
  sendLater(mail: Mail): void {
    if (!this.transport) return;
    this.transport.sendMail(mail).catch((error: { code?: unknown; responseCode?: unknown }) => {
      this.logger.warn({ err: { type: 'MailError', code: error.code, responseCode: error.responseCode } }, 'an email could not be sent');
    });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
