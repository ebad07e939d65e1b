import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ATTACHMENT_MAX_BYTES, type TAttachment, type ZUploadAttachment } from '@mentorbridge/core';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../access/context.ts';
import { youthScope } from '../../access/scopes.ts';
import { auditRead, originOf, writeAudit } from '../../audit/write-audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import { attachment, youth } from '../../db/schema.ts';
import { badRequest, forbidden, notFound } from '../../http/errors.ts';
import { isoRequired } from '../../http/schemas.ts';
import { sniffContentType } from '../../storage/file-type.ts';
import { FileNotFoundError, type FileStorage } from '../../storage/storage.ts';
import { findReferralFor, personRef, userNames } from './intake-common.ts';

type AttachmentRow = typeof attachment.$inferSelect;

export const toAttachment = (a: AttachmentRow, names: Map<string, string>): TAttachment => ({
  id: a.id,
  youthId: a.youthId,
  referralId: a.referralId,
  kind: a.kind as TAttachment['kind'],
  fileName: a.fileName,
  contentType: a.contentType,
  sizeBytes: a.sizeBytes,
  sha256: a.sha256,
  documentDate: a.documentDate,
  uploadedBy: personRef(names, a.uploadedBy),
  createdAt: isoRequired(a.createdAt),
});

export const attachmentsOfReferral = (db: Db | Tx, referralId: string) =>
  db.select().from(attachment).where(eq(attachment.referralId, referralId)).orderBy(asc(attachment.createdAt));

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The last part of a file name as the user's device gave it, without folders or control characters. */
export const cleanFileName = (name: string): string => {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.slice(0, 200) || 'file';
};

/**
 * Stores a file for a referral (treatment plan, CANS, assessment, signed consent form). The bytes must be what the
 * declared type says (checked by magic number) and at most ATTACHMENT_MAX_BYTES. The file is written first under
 * a random key; if the database write fails, it is removed again.
 */
export const uploadAttachment = async (
  db: Db,
  storage: FileStorage,
  actor: Actor,
  referralId: string,
  input: z.output<typeof ZUploadAttachment>,
): Promise<TAttachment> => {
  await findReferralFor(db, actor, referralId, 'referral.attach');
  const text = input.dataBase64.replace(/\s+/g, '');
  if (!BASE64.test(text) || text.length % 4 === 1) throw badRequest({ dataBase64: 'The file is not valid base64' });
  const data = Buffer.from(text, 'base64');
  if (data.length === 0) throw badRequest({ dataBase64: 'The file is empty' });
  if (data.length > ATTACHMENT_MAX_BYTES) {
    throw badRequest({ dataBase64: `The file is larger than ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB` });
  }
  const actual = sniffContentType(data);
  if (actual !== input.contentType) {
    throw badRequest({
      contentType: actual
        ? `The file's content is ${actual}, not ${input.contentType}`
        : `The file's content is not ${input.contentType}`,
    });
  }
  const key = `${actor.organizationId}/${randomUUID()}`;
  await storage.put(key, data, input.contentType);
  try {
    return await db.transaction(async (tx) => {
      const { r } = await findReferralFor(tx, actor, referralId, 'referral.attach');
      const [row] = await tx
        .insert(attachment)
        .values({
          id: input.id,
          organizationId: actor.organizationId,
          youthId: r.youthId,
          referralId: r.id,
          kind: input.kind,
          fileName: cleanFileName(input.fileName),
          contentType: input.contentType,
          sizeBytes: data.length,
          sha256: createHash('sha256').update(data).digest('hex'),
          storageKey: key,
          documentDate: input.documentDate ?? null,
          uploadedBy: actor.userId,
        })
        .returning();
      await writeAudit(tx, originOf(actor), {
        action: 'attachment.uploaded',
        resourceType: 'attachment',
        resourceId: row!.id,
        youthId: r.youthId,
        detail: { referralId: r.id, kind: input.kind, contentType: input.contentType, sizeBytes: data.length },
      });
      return toAttachment(row!, await userNames(tx, [actor.userId]));
    });
  } catch (err) {
    await storage.delete(key).catch(() => {});
    throw err;
  }
};

/** Opens a stored file for someone who may read the youth's attachments; the download is audited. */
export const openAttachment = async (
  db: Db,
  storage: FileStorage,
  actor: Actor,
  attachmentId: string,
): Promise<{ file: TAttachment; stream: Readable }> => {
  const [row] = await db
    .select({ a: attachment, allowed: sql<boolean>`(${youthScope(actor, 'attachment.read')})` })
    .from(attachment)
    .innerJoin(youth, eq(youth.id, attachment.youthId))
    .where(
      and(
        eq(attachment.id, attachmentId),
        eq(attachment.organizationId, actor.organizationId),
        youthScope(actor, 'youth.read'),
      ),
    );
  if (!row) throw notFound('Attachment');
  if (!row.allowed) throw forbidden();
  let stream: Readable;
  try {
    stream = await storage.get(row.a.storageKey);
  } catch (err) {
    if (err instanceof FileNotFoundError) throw notFound('Stored file');
    throw err;
  }
  try {
    await auditRead(db, actor, {
      action: 'attachment.downloaded',
      resourceType: 'attachment',
      resourceId: row.a.id,
      youthId: row.a.youthId,
      detail: { referralId: row.a.referralId, kind: row.a.kind },
    });
  } catch (err) {
    stream.destroy();
    throw err;
  }
  return { file: toAttachment(row.a, await userNames(db, [row.a.uploadedBy])), stream };
};

/** `attachment; filename=…` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export const contentDisposition = (fileName: string): string => {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};
