import type { Deps } from '../../deps.js';
import { canSeeUser, type Actor } from '../../domain/access.js';
import { AppError, notFound } from '../../errors.js';
import type { PrivacyNotice } from '../../generated/prisma/client.js';
import { PERSONAL_DEVICE_DATA_STATEMENT } from '../../domain/devices/minimum-identifiers.js';

export function toNoticeView(notice: PrivacyNotice) {
  return { id: notice.id, version: notice.version, title: notice.title, body: notice.body, personalDeviceData: PERSONAL_DEVICE_DATA_STATEMENT, publishedAt: notice.publishedAt.toISOString() };
}

async function currentNotice(deps: Pick<Deps, 'db'>) {
  return deps.db.privacyNotice.findFirst({ orderBy: { version: 'desc' } });
}

/** A new version replaces the old one for future enrolments; staff accept it before their next personal enrolment. */
export async function publishPrivacyNotice(deps: Pick<Deps, 'db' | 'audit' | 'clock'>, actor: Actor, input: { title: string; body: string }) {
  if (actor.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Only an ADMIN can publish the privacy notice');
  const notice = await deps.db.$transaction(async (tx) => {
    const latest = await tx.privacyNotice.findFirst({ orderBy: { version: 'desc' }, select: { version: true } });
    const created = await tx.privacyNotice.create({ data: { version: (latest?.version ?? 0) + 1, title: input.title, body: input.body, publishedAt: deps.clock.now(), publishedById: actor.userId } });
    await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'privacy_notice.published', targetType: 'privacy_notice', targetId: created.id, ip: actor.ip ?? null, details: { version: created.version } }, tx);
    return created;
  });
  return toNoticeView(notice);
}

export async function getCurrentNotice(deps: Pick<Deps, 'db'>) {
  const notice = await currentNotice(deps);
  if (!notice) throw notFound('Privacy notice');
  return toNoticeView(notice);
}

/** The caller accepts a notice version, which must be the current one (they must have seen what they agree to). */
export async function acceptPrivacyNotice(deps: Pick<Deps, 'db' | 'audit' | 'clock'>, actor: Actor, version: number) {
  const notice = await currentNotice(deps);
  if (!notice) throw notFound('Privacy notice');
  if (notice.version !== version) throw new AppError('CONFLICT', `Version ${notice.version} is the current privacy notice`, { details: { currentVersion: notice.version } });
  await deps.db.$transaction(async (tx) => {
    await tx.consent.create({ data: { userId: actor.userId, noticeId: notice.id, acceptedAt: deps.clock.now(), ip: actor.ip ?? null } });
    await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'consent.accepted', targetType: 'user', targetId: actor.userId, ip: actor.ip ?? null, details: { version } }, tx);
  });
  return getConsentStatus(deps, actor.userId);
}

/** Current notice, and the person's consent history (newest first); `current` when they accepted the latest version. */
export async function getConsentStatus(deps: Pick<Deps, 'db'>, userId: string) {
  const notice = await currentNotice(deps);
  const history = await deps.db.consent.findMany({
    where: { userId },
    include: { notice: { select: { version: true } } },
    orderBy: [{ acceptedAt: 'desc' }, { notice: { version: 'desc' } }],
  });
  return {
    currentNotice: notice ? toNoticeView(notice) : null,
    current: Boolean(notice && history.some((c) => c.withdrawnAt === null && c.noticeId === notice.id)),
    consents: history.map((c) => ({ version: c.notice.version, acceptedAt: c.acceptedAt.toISOString(), withdrawnAt: c.withdrawnAt?.toISOString() ?? null })),
  };
}

/** What IT, the person's manager or the person sees about their BYOD consent. Reading it is audited. */
export async function viewConsent(deps: Pick<Deps, 'db' | 'audit'>, actor: Actor, userId: string) {
  const user = await deps.db.user.findUnique({ where: { id: userId }, select: { id: true, managerId: true } });
  if (!user || !canSeeUser(actor, user)) throw notFound('User');
  if (actor.userId !== userId) {
    await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'consent.read', targetType: 'user', targetId: userId, ip: actor.ip ?? null });
  }
  return getConsentStatus(deps, userId);
}

/**
 * The check personal enrolment makes (POST /v1/enrollments, ownership personal): the staff member accepted the
 * current notice and has not withdrawn. BYOD_CONSENT_REQUIRED=false turns it off (test and demo setups only).
 */
export async function assertConsentCurrent(deps: Pick<Deps, 'db' | 'config'>, userId: string): Promise<void> {
  if (!deps.config.BYOD_CONSENT_REQUIRED) return;
  const status = await getConsentStatus(deps, userId);
  if (!status.currentNotice) throw new AppError('CONFLICT', 'No BYOD privacy notice has been published; personal devices cannot be enrolled yet');
  if (!status.current) {
    throw new AppError('FORBIDDEN', 'Accept the current privacy notice (POST /v1/consents) before enrolling a personal device', {
      details: { consentRequired: true, noticeVersion: status.currentNotice.version },
    });
  }
}
