export const LOCALES = ['en', 'fr', 'ar', 'nl'] as const;
export type Locale = (typeof LOCALES)[number];

export interface Mail {
  subject: string;
  text: string;
}

interface Texts {
  invitationSubject: string;
  invitation: (link: string, role: string) => string;
  resetSubject: string;
  reset: (link: string) => string;
}

const TEXTS: Record<Locale, Texts> = {
  en: {
    invitationSubject: 'You are invited to Proxima',
    invitation: (link, role) =>
      `You have been invited to Proxima as ${role}.\n\nChoose your password here (the link works once, for 7 days):\n${link}\n\nIf you did not expect this invitation, ignore this message.`,
    resetSubject: 'Reset your Proxima password',
    reset: (link) =>
      `Someone (hopefully you) asked to reset the password of your Proxima account.\n\nChoose a new password here (the link works once, for 1 hour):\n${link}\n\nIf you did not ask for this, ignore this message: your password stays as it is.`,
  },
  fr: {
    invitationSubject: 'Vous êtes invité·e sur Proxima',
    invitation: (link, role) =>
      `Vous avez été invité·e sur Proxima en tant que ${role}.\n\nChoisissez votre mot de passe ici (le lien ne sert qu'une fois, pendant 7 jours) :\n${link}\n\nSi vous n'attendiez pas cette invitation, ignorez ce message.`,
    resetSubject: 'Réinitialiser votre mot de passe Proxima',
    reset: (link) =>
      `Quelqu'un (vous, espérons-le) a demandé à réinitialiser le mot de passe de votre compte Proxima.\n\nChoisissez un nouveau mot de passe ici (le lien ne sert qu'une fois, pendant 1 heure) :\n${link}\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.`,
  },
  ar: {
    invitationSubject: 'دعوة للانضمام إلى بروكسيما',
    invitation: (link, role) =>
      `تمت دعوتك للانضمام إلى بروكسيما بصفة ${role}.\n\nاختر كلمة المرور من هنا (الرابط صالح لمرة واحدة ولمدة 7 أيام):\n${link}\n\nإذا لم تكن تتوقع هذه الدعوة، فتجاهل هذه الرسالة.`,
    resetSubject: 'إعادة تعيين كلمة مرور بروكسيما',
    reset: (link) =>
      `طلب شخص ما (نأمل أن تكون أنت) إعادة تعيين كلمة مرور حسابك في بروكسيما.\n\nاختر كلمة مرور جديدة من هنا (الرابط صالح لمرة واحدة ولمدة ساعة):\n${link}\n\nإذا لم تطلب ذلك، فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.`,
  },
  nl: {
    invitationSubject: 'U bent uitgenodigd voor Proxima',
    invitation: (link, role) =>
      `U bent uitgenodigd voor Proxima als ${role}.\n\nKies hier uw wachtwoord (de link werkt één keer, 7 dagen lang):\n${link}\n\nVerwachtte u deze uitnodiging niet, negeer dan dit bericht.`,
    resetSubject: 'Uw Proxima-wachtwoord opnieuw instellen',
    reset: (link) =>
      `Iemand (hopelijk u) heeft gevraagd het wachtwoord van uw Proxima-account opnieuw in te stellen.\n\nKies hier een nieuw wachtwoord (de link werkt één keer, 1 uur lang):\n${link}\n\nHeeft u niets gevraagd, negeer dan dit bericht: uw wachtwoord blijft ongewijzigd.`,
  },
};

const ROLE_NAMES: Record<Locale, Record<string, string>> = {
  en: {
    admin: 'an administrator',
    coordinator: 'a group coordinator',
    member: 'a member',
    cooperative: 'a cooperative',
    transporter: 'a transport organiser',
  },
  fr: {
    admin: 'administrateur·rice',
    coordinator: 'coordinateur·rice de groupe',
    member: 'membre',
    cooperative: 'coopérative',
    transporter: 'organisateur·rice de transport',
  },
  ar: {
    admin: 'مسؤول',
    coordinator: 'منسق مجموعة',
    member: 'عضو',
    cooperative: 'تعاونية',
    transporter: 'منظم نقل',
  },
  nl: {
    admin: 'beheerder',
    coordinator: 'groepscoördinator',
    member: 'lid',
    cooperative: 'coöperatie',
    transporter: 'transportorganisator',
  },
};

export function localeOr(locale: string | null | undefined): Locale {
  return (LOCALES as readonly string[]).includes(locale ?? '') ? (locale as Locale) : 'en';
}

/** A link into the web app: `base` without a trailing slash, the token URL-encoded. */
export function webLink(base: string, path: string, token: string): string {
  return `${base}${path}?token=${encodeURIComponent(token)}`;
}

export function invitationMail(locale: Locale, link: string, role: string): Mail {
  const texts = TEXTS[locale];
  return { subject: texts.invitationSubject, text: texts.invitation(link, ROLE_NAMES[locale][role] ?? role) };
}

export function passwordResetMail(locale: Locale, link: string): Mail {
  const texts = TEXTS[locale];
  return { subject: texts.resetSubject, text: texts.reset(link) };
}
