import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, data } from '../../api/client';
import { Link } from '../../app/router';
import { Field } from '../../ui/Field';
import { Pending } from '../../ui/ReadFailed';
import { ServerMessage } from '../../ui/ServerMessage';
import { isolate, useFormat } from '../../ui/format';
import { StatusAnnouncer, type StatusTone } from '../../ui/StatusAnnouncer';
import { ScrollTable } from '../../ui/ScrollTable';
import { commonExplanation } from '../account/useForm';
import { groupData, type Member } from './group-data';

type Said = { tone: StatusTone; message: ReactNode } | null;

/** Invite a new member by email: the server creates the member and mails a link (7 days). */
function InviteForm({ groupId }: { groupId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [said, setSaid] = useState<Said>(null);
  const [fieldError, setFieldError] = useState<{ field: string; message: ReactNode } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setSaid(null);
    setFieldError(null);
    try {
      await data(
        api.POST('/invitations', {
          body: { email, name, role: 'member', consumerGroupId: groupId, locale: i18n.language as 'fr' },
        }),
      );
      setSaid({ tone: 'done', message: t('members.invited', { email: isolate(email) }) });
      setName('');
      setEmail('');
      await queryClient.invalidateQueries({ queryKey: ['invitations'] });
      await queryClient.invalidateQueries({ queryKey: ['groups', groupId, 'members'] });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409)
        setFieldError({ field: 'email', message: t('members.taken') });
      else if (error instanceof ApiError && error.field)
        setFieldError({ field: error.field, message: <ServerMessage message={error.message} bare /> });
      else
        setSaid({
          tone: 'error',
          message: commonExplanation(error, t, { name: t('members.name'), email: t('fields.email') }),
        });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit}>
      <Field
        label={t('members.name')}
        autoComplete="off"
        required
        value={name}
        error={fieldError?.field === 'name' ? fieldError.message : null}
        onChange={(event) => setName(event.target.value)}
      />
      <Field
        label={t('fields.email')}
        type="email"
        autoComplete="off"
        required
        value={email}
        error={fieldError?.field === 'email' ? fieldError.message : null}
        onChange={(event) => setEmail(event.target.value)}
      />
      <StatusAnnouncer tone={said?.tone}>{said?.message}</StatusAnnouncer>
      <button type="submit" disabled={busy}>
        {t('members.invite')}
      </button>
    </form>
  );
}

function MemberRow({
  member,
  groupId,
  onSaid,
}: {
  member: Member;
  groupId: string;
  onSaid: (said: Said) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const deactivate = async () => {
    try {
      await data(
        api.PATCH('/consumer-groups/{id}/members/{memberId}', {
          params: { path: { id: groupId, memberId: member.id } },
          body: { active: false },
        }),
      );
      onSaid({ tone: 'done', message: t('members.deactivated', { name: isolate(member.name) }) });
      await queryClient.invalidateQueries({ queryKey: ['groups', groupId, 'members'] });
    } catch (error) {
      onSaid({ tone: 'error', message: commonExplanation(error, t) });
    } finally {
      setConfirming(false);
    }
  };
  const active = member.active;
  return (
    <tr>
      <th scope="row">{member.name}</th>
      <td className="wrap">
        <bdi dir="ltr">{member.email}</bdi>
      </td>
      <td>{active ? t('members.active') : t('members.inactive')}</td>
      <td>
        {active && (
          <div className="actions">
            <Link to={`/coordinator/members/${member.id}`} className="button-link secondary">
              {t('members.pledges', { name: isolate(member.name) })}
            </Link>
            {confirming ? (
              <>
                <button type="button" className="danger" onClick={() => void deactivate()}>
                  {t('members.confirmDeactivate', { name: isolate(member.name) })}
                </button>
                <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                  {t('members.keep')}
                </button>
              </>
            ) : (
              <button type="button" className="danger" onClick={() => setConfirming(true)}>
                {t('members.deactivate', { name: isolate(member.name) })}
              </button>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}

/** The group's members, who has not accepted an invitation yet, inviting and deactivating. */
export function Members({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const members = useQuery(groupData.members(groupId));
  const invitations = useQuery(groupData.invitations());
  const [said, setSaid] = useState<Said>(null);
  const pending = (invitations.data ?? []).filter((invitation) => invitation.status !== 'accepted');
  return (
    <>
      <h1 tabIndex={-1}>{t('members.title')}</h1>
      <section aria-labelledby="invite-title">
        <h2 id="invite-title">{t('members.inviteTitle')}</h2>
        <p className="hint">{t('members.inviteIntro')}</p>
        <InviteForm groupId={groupId} />
      </section>
      <section aria-labelledby="pending-title">
        <h2 id="pending-title">{t('members.pendingTitle', { count: pending.length })}</h2>
        {pending.length > 0 && (
          <ul>
            {pending.map((invitation) => (
              <li key={invitation.id}>
                <bdi dir="ltr">{invitation.email}</bdi> —{' '}
                {invitation.status === 'expired'
                  ? t('members.expired')
                  : t('members.until', { date: format.dateTime(invitation.expiresAt) })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="members-title">
        <h2 id="members-title">{t('members.listTitle', { count: members.data?.length ?? 0 })}</h2>
        <StatusAnnouncer tone={said?.tone}>{said?.message}</StatusAnnouncer>
        {!members.data ? (
          <Pending queries={[members]} part />
        ) : (
          <ScrollTable label={t('members.listTitle', { count: members.data.length })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('members.name')}</th>
                  <th scope="col">{t('fields.email')}</th>
                  <th scope="col">{t('members.state')}</th>
                  <th scope="col">{t('members.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {members.data.map((member) => (
                  <MemberRow key={member.id} member={member} groupId={groupId} onSaid={setSaid} />
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>
    </>
  );
}
