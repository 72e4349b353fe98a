import { invitationMail, LOCALES, localeOr, passwordResetMail, webLink } from './account-mails';

describe('account mails', () => {
  const link = webLink('https://proxima.example', '/invitations/accept', 'a-b_c');

  it('builds the web app link with the token', () => {
    expect(link).toBe('https://proxima.example/invitations/accept?token=a-b_c');
  });

  it.each(LOCALES)('in %s: the link is in both mails, and the texts are that language’s own', (locale) => {
    const invitation = invitationMail(locale, link, 'member');
    const reset = passwordResetMail(locale, link);
    expect(invitation.text).toContain(link);
    expect(reset.text).toContain(link);
    if (locale !== 'en') {
      expect(invitation.subject).not.toBe(invitationMail('en', link, 'member').subject);
      expect(reset.text).not.toBe(passwordResetMail('en', link).text);
    }
  });

  it('falls back to English for an unknown or missing locale', () => {
    expect(localeOr('fr')).toBe('fr');
    expect(localeOr('de')).toBe('en');
    expect(localeOr(null)).toBe('en');
  });
});
