import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent, youth } from '../db/schema.ts';
import { type Client, createOrganization, createTestApp, createUserClient, type TestApp } from './test-app.ts';

let t: TestApp;
let org: Awaited<ReturnType<typeof createOrganization>>;
let admin: Client;
const youthCount = async () => (await t.database.db.select({ n: count() }).from(youth))[0]!.n;
const validYouth = () => ({
  programId: org.tmProgramId,
  firstName: 'Valentina',
  lastName: 'Okonkwo',
  preferredName: 'Val',
  pronouns: 'she/her',
  dateOfBirth: '2011-03-09',
  races: ['black_or_african_american'],
  ethnicity: 'not_hispanic_or_latino',
  primaryLanguage: 'English',
  interpreterNeeded: false,
  payer: 'masshealth_standard',
  memberId: '100012345678',
});

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganization(t);
  admin = await createUserClient(t, org.id, [{ role: 'org_admin' }]);
});
afterAll(async () => t?.close());

describe('youth records', () => {
  it('creates, opens, searches and edits a youth record', async () => {
    const created = await admin.post('/api/v1/youth', validYouth());
    expect(created.statusCode).toBe(201);
    const y = created.json();
    expect(y).toMatchObject({
      firstName: 'Valentina',
      preferredName: 'Val',
      dateOfBirth: '2011-03-09',
      version: 1,
      status: 'active',
    });

    expect((await admin.get(`/api/v1/youth/${y.id}`)).json().id).toBe(y.id);
    for (const q of ['Valen', 'okonk', 'Val', 'Valentina Okon']) {
      const found = (await admin.get(`/api/v1/youth?q=${encodeURIComponent(q)}`)).json();
      expect(
        found.items.map((i: { id: string }) => i.id),
        q,
      ).toContain(y.id);
    }
    expect((await admin.get('/api/v1/youth?dateOfBirth=2011-03-09')).json().total).toBe(1);
    expect((await admin.get('/api/v1/youth?dateOfBirth=2011-03-10')).json().total).toBe(0);
    expect((await admin.get('/api/v1/youth?status=inactive')).json().total).toBe(0);

    const edited = await admin.patch(`/api/v1/youth/${y.id}`, { version: 1, school: 'Eastside High School' });
    expect(edited.statusCode).toBe(200);
    // Fields the edit did not send keep their values.
    expect(edited.json()).toMatchObject({
      school: 'Eastside High School',
      version: 2,
      races: ['black_or_african_american'],
      ethnicity: 'not_hispanic_or_latino',
      preferredName: 'Val',
    });
  });

  it('paginates search results', async () => {
    for (let i = 0; i < 5; i++)
      await admin.post('/api/v1/youth', { ...validYouth(), firstName: `Pager${i}`, lastName: 'Zed' });
    const p1 = (await admin.get('/api/v1/youth?q=Zed&pageSize=2&page=1')).json();
    const p3 = (await admin.get('/api/v1/youth?q=Zed&pageSize=2&page=3')).json();
    expect(p1.total).toBe(5);
    expect(p1.items).toHaveLength(2);
    expect(p3.items).toHaveLength(1);
  });

  it('refuses invalid input with 400, names the offending fields, and writes nothing', async () => {
    const before = await youthCount();
    const res = await admin.post('/api/v1/youth', {
      ...validYouth(),
      dateOfBirth: '2011-13-45',
      firstName: '',
      races: ['martian'],
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(['dateOfBirth', 'firstName', 'races.0']));
    expect(await youthCount()).toBe(before);

    const missing = await admin.post('/api/v1/youth', {});
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().error.fields)).toEqual(
      expect.arrayContaining(['programId', 'firstName', 'lastName', 'dateOfBirth']),
    );

    const badQuery = await admin.get('/api/v1/youth?pageSize=1000');
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().error.fields).toHaveProperty('pageSize');

    const badId = await admin.get('/api/v1/youth/not-a-uuid');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.fields).toHaveProperty('id');
  });

  it('a stale edit answers 409 with the current version and changes nothing', async () => {
    const y = (await admin.post('/api/v1/youth', validYouth())).json();
    expect((await admin.patch(`/api/v1/youth/${y.id}`, { version: 1, grade: '7' })).statusCode).toBe(200);
    const stale = await admin.patch(`/api/v1/youth/${y.id}`, { version: 1, grade: '9' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.current).toMatchObject({ grade: '7', version: 2 });
    expect((await admin.get(`/api/v1/youth/${y.id}`)).json().grade).toBe('7');
  });

  it('the same create sent twice with one Idempotency-Key makes one record and returns the same answer', async () => {
    const before = await youthCount();
    const key = randomUUID();
    const body = { ...validYouth(), id: randomUUID() };
    const first = await admin.post('/api/v1/youth', body, { 'idempotency-key': key });
    const second = await admin.post('/api/v1/youth', body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await youthCount()).toBe(before + 1);

    const reused = await admin.post('/api/v1/youth', { ...body, firstName: 'Other' }, { 'idempotency-key': key });
    expect(reused.statusCode).toBe(422);
    expect(await youthCount()).toBe(before + 1);
  });

  it('a client-generated id is kept, and reusing it is a conflict', async () => {
    const id = randomUUID();
    const first = await admin.post('/api/v1/youth', { ...validYouth(), id });
    expect(first.json().id).toBe(id);
    const again = await admin.post('/api/v1/youth', { ...validYouth(), id });
    expect(again.statusCode).toBe(409);
  });

  it('deactivation keeps the record; deletion needs an export first and removes it', async () => {
    const y = (await admin.post('/api/v1/youth', validYouth())).json();
    const off = await admin.post(`/api/v1/youth/${y.id}/deactivate`, { version: 1 });
    expect(off.json()).toMatchObject({ status: 'inactive', version: 2 });
    expect(off.json().deactivatedAt).toBeTruthy();
    expect((await admin.get(`/api/v1/youth/${y.id}`)).statusCode).toBe(200);

    const refused = await admin.del(`/api/v1/youth/${y.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('EXPORT_REQUIRED');

    await admin.post(`/api/v1/youth/${y.id}/guardians`, {
      firstName: 'Ngozi',
      lastName: 'Okonkwo',
      relationship: 'Mother',
      legalAuthority: 'parent',
    });
    const exported = await admin.get(`/api/v1/youth/${y.id}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('attachment');
    expect(exported.json()).toMatchObject({ youth: { id: y.id }, guardians: [{ firstName: 'Ngozi' }] });

    expect((await admin.del(`/api/v1/youth/${y.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/youth/${y.id}`)).statusCode).toBe(404);
    const trail = await t.database.db
      .select({ a: auditEvent.action })
      .from(auditEvent)
      .where(eq(auditEvent.youthId, y.id));
    expect(trail.map((e) => e.a)).toEqual(
      expect.arrayContaining(['youth.created', 'youth.deactivated', 'youth.exported', 'youth.deleted']),
    );
  });

  it('guardians and emergency contacts are validated and versioned', async () => {
    const y = (await admin.post('/api/v1/youth', validYouth())).json();
    const bad = await admin.post(`/api/v1/youth/${y.id}/guardians`, {
      firstName: 'X',
      lastName: 'Y',
      relationship: 'Aunt',
      legalAuthority: 'neighbour',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('legalAuthority');
    const g = (
      await admin.post(`/api/v1/youth/${y.id}/guardians`, {
        firstName: 'X',
        lastName: 'Y',
        relationship: 'Aunt',
        legalAuthority: 'dcf',
      })
    ).json();
    expect(
      (await admin.patch(`/api/v1/youth/${y.id}/guardians/${g.id}`, { version: 1, phone: '617-555-0101' })).json()
        .version,
    ).toBe(2);
    expect(
      (await admin.patch(`/api/v1/youth/${y.id}/guardians/${g.id}`, { version: 1, phone: '617-555-0102' })).statusCode,
    ).toBe(409);
    const ec = await admin.post(`/api/v1/youth/${y.id}/emergency-contacts`, {
      name: 'Coach',
      relationship: 'Coach',
      phone: '617-555-0103',
    });
    expect(ec.statusCode).toBe(201);
    expect((await admin.get(`/api/v1/youth/${y.id}/emergency-contacts`)).json()).toHaveLength(1);
  });
});

describe('staff', () => {
  it('flags an expired licence', async () => {
    const sup = await createUserClient(t, org.id, [{ role: 'supervisor' }]);
    const current = (await admin.get(`/api/v1/staff/${sup.userId}`)).json();
    const res = await admin.patch(`/api/v1/staff/${sup.userId}`, {
      version: current.version,
      licenceType: 'LICSW',
      licenceNumber: '1234',
      licenceState: 'MA',
      licenceExpiresOn: '2020-01-31',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ licenceExpired: true, licenceType: 'LICSW' });
    const list = (await admin.get('/api/v1/staff')).json();
    expect(list.find((s: { userId: string }) => s.userId === sup.userId).licenceExpired).toBe(true);
    const badState = await admin.patch(`/api/v1/staff/${sup.userId}`, {
      version: res.json().version,
      licenceState: 'Massachusetts',
    });
    expect(badState.statusCode).toBe(400);
    expect(badState.json().error.fields).toHaveProperty('licenceState');
  });
});

describe('invitations', () => {
  it('an invited mentor sets a password, signs in and lands in the organization', async () => {
    const inv = await admin.post('/api/v1/invitations', {
      email: 'new.mentor@test.mentorbridge.org',
      name: 'New Mentor',
      role: 'mentor',
    });
    expect(inv.statusCode).toBe(201);
    const { outboxMessage } = await import('../db/schema.ts');
    const [mail] = await t.database.db
      .select()
      .from(outboxMessage)
      .where(eq(outboxMessage.recipient, 'new.mentor@test.mentorbridge.org'));
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail!.body)![1]!;
    const lookup = await t.app.inject({ method: 'GET', url: `/api/v1/invitations/lookup?token=${token}` });
    expect(lookup.json()).toMatchObject({ email: 'new.mentor@test.mentorbridge.org', role: 'mentor' });
    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: { 'x-requested-with': 'mentorbridge' },
      payload: { token, password: 'a-long-enough-password' },
    });
    expect(accept.statusCode).toBe(200);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: { 'x-requested-with': 'mentorbridge' },
      payload: { token, password: 'a-long-enough-password' },
    });
    expect(again.statusCode).toBe(404);
    const members = (await admin.get('/api/v1/members')).json();
    expect(members.find((m: { email: string }) => m.email === 'new.mentor@test.mentorbridge.org').roles).toEqual([
      { role: 'mentor', programId: null },
    ]);
  });

  it('guardian and youth roles are not given by invitation', async () => {
    const res = await admin.post('/api/v1/invitations', {
      email: 'g@test.mentorbridge.org',
      name: 'G',
      role: 'guardian',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('role');
  });
});

describe('idempotency records', () => {
  it('keep no digest of a password sent with the request', async () => {
    const { idempotencyKey } = await import('../db/schema.ts');
    const { createHash } = await import('node:crypto');
    const { canonicalJson } = await import('../audit/hash.ts');
    const key = randomUUID();
    const body = { ...validYouth(), id: randomUUID(), password: 'secret-password-1' };
    await admin.post('/api/v1/youth', body, { 'idempotency-key': key });
    const [row] = await t.database.db.select().from(idempotencyKey).where(eq(idempotencyKey.key, key));
    expect(row!.requestHash).not.toBe(createHash('sha256').update(canonicalJson(body)).digest('hex'));
    const { password: _p, ...withoutPassword } = body;
    expect(row!.requestHash).not.toBe(createHash('sha256').update(canonicalJson(withoutPassword)).digest('hex'));
  });
});
