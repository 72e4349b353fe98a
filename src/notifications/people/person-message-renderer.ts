import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, publicUrlOf, type AppConfig } from '../../config/app-config';
import { renderPersonMessage, type PersonEmailPayload } from '../domain/person-messages';
import type { PersonNotificationKind } from '../domain/person-notification-kinds';
import {
  readUnsubscribeToken,
  unsubscribeKey,
  unsubscribeToken,
  type Unsubscription,
} from '../domain/unsubscribe-token';
import type { EmailPayload } from '../notification.types';

/** Writes a stored message to a person as the e-mail sent, with its one-click unsubscribe link. */
@Injectable()
export class PersonMessageRenderer {
  private readonly unsubscribeKey: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.unsubscribeKey = unsubscribeKey(config.jwtSecret);
  }

  /** The e-mail of a stored message: its text in the recipient's language and the RFC 8058 headers. */
  render(payload: PersonEmailPayload): EmailPayload {
    const unsubscribe = payload.unsubscribe
      ? this.unsubscribeUrl(payload.unsubscribe, payload.kind)
      : undefined;
    const { subject, text } = renderPersonMessage(payload, { app: publicUrlOf(this.config), unsubscribe });
    return {
      subject,
      text,
      headers: unsubscribe
        ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
        : undefined,
    };
  }

  unsubscribeUrl(who: { type: 'member' | 'user'; id: string }, kind: PersonNotificationKind): string {
    const token = unsubscribeToken(this.unsubscribeKey, { ...who, kind });
    return `${publicUrlOf(this.config)}/api/v1/unsubscribe/${token}`;
  }

  /** The unsubscription a token stands for, or null when we did not sign it. */
  read(token: string): Unsubscription | null {
    return readUnsubscribeToken(this.unsubscribeKey, token);
  }
}
