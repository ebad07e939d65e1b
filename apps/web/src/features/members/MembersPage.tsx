import { ROLES, type TMember, type TRole, type ZInvitation, ZInvite } from '@mentorbridge/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { v1 } from '../../api.ts';
import { FormError, Loading, QueryError, StatusMessage } from '../../components/feedback.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { usePageTitle } from '../../components/page.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fieldErrors, zodFieldErrors } from '../../errors.ts';
import { formatDateTime, formatNumber } from '../../format.ts';
import { newId, useIdempotencyKey } from '../../idempotency.ts';
import { usePermissions } from '../../session.tsx';
import { usePrograms } from '../youth/queries.ts';

type Invitation = z.infer<typeof ZInvitation>;

export function MembersPage() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const programs = usePrograms();
  usePageTitle(t('members.title'));
  const members = useQuery({
    queryKey: ['members'],
    queryFn: ({ signal }) => v1<TMember[]>('/members', { signal }),
    enabled: can('member.list'),
  });
  const invitations = useQuery({
    queryKey: ['invitations'],
    queryFn: ({ signal }) => v1<Invitation[]>('/invitations', { signal }),
    enabled: can('member.list'),
  });
  const programName = useMemo(() => new Map((programs.data ?? []).map((p) => [p.id, p.name])), [programs.data]);
  const roleText = (role: TRole, programId: string | null) =>
    programId
      ? t('members.roleInProgram', {
          role: t(`roles.${role}`),
          program: programName.get(programId) ?? short(programId),
        })
      : t(`roles.${role}`);

  if (!can('member.list')) {
    return (
      <>
        <h1>{t('members.title')}</h1>
        <p>{t('errors.FORBIDDEN')}</p>
      </>
    );
  }

  const now = Date.now();
  const pending = (invitations.data ?? []).filter((i) => !i.acceptedAt);

  return (
    <>
      <h1>{t('members.title')}</h1>
      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">
          {t('members.listTitle')}
          {members.data ? <span className="muted small"> ({formatNumber(members.data.length)})</span> : null}
        </h2>
        {members.isPending ? (
          <Loading />
        ) : members.error ? (
          <QueryError error={members.error} retry={() => void members.refetch()} />
        ) : (
          <ScrollTable labelledBy="members-heading">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('members.cols.name')}</th>
                  <th scope="col">{t('members.cols.email')}</th>
                  <th scope="col">{t('members.cols.roles')}</th>
                  <th scope="col">{t('members.cols.twoFactor')}</th>
                </tr>
              </thead>
              <tbody>
                {members.data.map((m) => (
                  <tr key={m.userId}>
                    <td>{m.name}</td>
                    <td className="break">{m.email}</td>
                    <td>
                      <ul className="plain">
                        {m.roles.map((r) => (
                          <li key={`${r.role}-${r.programId ?? 'all'}`}>{roleText(r.role, r.programId)}</li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {m.twoFactorEnabled ? t('members.twoFactorOn') : <strong>{t('members.twoFactorOff')}</strong>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>

      {can('member.invite') ? <InviteForm programs={programs.data ?? []} /> : null}

      <section className="card" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{t('members.pendingTitle')}</h2>
        {invitations.isPending ? (
          <Loading />
        ) : invitations.error ? (
          <QueryError error={invitations.error} retry={() => void invitations.refetch()} />
        ) : pending.length === 0 ? (
          <p>{t('members.noPending')}</p>
        ) : (
          <ScrollTable labelledBy="invitations-heading">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('members.cols.name')}</th>
                  <th scope="col">{t('members.cols.email')}</th>
                  <th scope="col">{t('members.cols.role')}</th>
                  <th scope="col">{t('members.cols.sent')}</th>
                  <th scope="col">{t('members.cols.expires')}</th>
                </tr>
              </thead>
              <tbody>
                {pending.map((i) => {
                  const expired = new Date(i.expiresAt).getTime() < now;
                  return (
                    <tr key={i.id}>
                      <td>{i.name}</td>
                      <td className="break">{i.email}</td>
                      <td>{roleText(i.role, i.programId)}</td>
                      <td>{formatDateTime(i.createdAt)}</td>
                      <td>
                        {expired ? (
                          <span className="badge badge-danger">{t('members.expired')}</span>
                        ) : (
                          formatDateTime(i.expiresAt)
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>
    </>
  );
}

const short = (id: string) => id.slice(0, 8);

function InviteForm({ programs }: { programs: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ email: '', name: '', role: '' as TRole | '', programId: '' });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [recordId, setRecordId] = useState(newId);
  const idempotency = useIdempotencyKey();
  const p = 'invite';

  const invite = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      v1<Invitation>('/invitations', { method: 'POST', body, idempotencyKey: idempotency.keyFor(body) }),
    onSuccess: (inv) => {
      setSentTo(inv.email);
      setValues({ email: '', name: '', role: '', programId: '' });
      setRecordId(newId());
      idempotency.reset();
      void queryClient.invalidateQueries({ queryKey: ['invitations'] });
    },
  });

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    setSentTo(null);
    const body = {
      id: recordId,
      email: values.email.trim(),
      name: values.name.trim(),
      role: values.role,
      programId: values.programId || null,
    };
    const parsed = ZInvite.safeParse(body);
    const errors = parsed.success ? {} : zodFieldErrors(t, parsed.error);
    setClientErrors(errors);
    if (Object.keys(errors).length === 0) invite.mutate(body);
    else document.getElementById(`${p}-${Object.keys(errors)[0]}`)?.focus();
  };

  const errors = fieldErrors(clientErrors, invite.error);
  const labels = {
    email: t('members.fields.email'),
    name: t('members.fields.name'),
    role: t('members.fields.role'),
    programId: t('members.fields.program'),
  };

  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('members.inviteTitle')}</h2>
      <p>{t('members.inviteIntro')}</p>
      {sentTo ? <StatusMessage>{t('members.inviteSent', { email: sentTo })}</StatusMessage> : null}
      <FormError error={invite.error} fieldLabels={labels} idPrefix={p} />
      {Object.keys(clientErrors).length > 0 ? (
        <p className="visually-hidden" role="alert">
          {t('errors.fixFields', { count: Object.keys(clientErrors).length })}
        </p>
      ) : null}
      <form onSubmit={submit} noValidate aria-labelledby="invite-heading">
        <div className="grid-2">
          <TextField
            id={`${p}-email`}
            type="email"
            label={labels.email}
            value={values.email}
            onChange={(v) => setValues({ ...values, email: v })}
            required
            autoComplete="off"
            error={errors.email}
          />
          <TextField
            id={`${p}-name`}
            label={labels.name}
            value={values.name}
            onChange={(v) => setValues({ ...values, name: v })}
            required
            maxLength={200}
            autoComplete="off"
            error={errors.name}
          />
          <SelectField
            id={`${p}-role`}
            label={labels.role}
            value={values.role}
            onChange={(v) => setValues({ ...values, role: v as TRole | '' })}
            required
            emptyLabel={t('common.choose')}
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            error={errors.role}
          />
          <SelectField
            id={`${p}-programId`}
            label={labels.programId}
            hint={t('members.programHint')}
            value={values.programId}
            onChange={(v) => setValues({ ...values, programId: v })}
            emptyLabel={t('members.allPrograms')}
            options={programs.map((pr) => ({ value: pr.id, label: pr.name }))}
            error={errors.programId}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button primary" disabled={invite.isPending}>
            {invite.isPending ? t('common.sending') : t('members.send')}
          </button>
        </div>
      </form>
    </section>
  );
}
