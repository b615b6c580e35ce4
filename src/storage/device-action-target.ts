import { columnsOf, Prisma, queryRows, type DbOrTx } from '../db/prisma.js';
import { byOrdinality, statementBatcher } from '../db/statement-batcher.js';
import type { AndroidDevice, AppleEnrollment, Device } from '../generated/prisma/client.js';
import { isUuid } from '../domain/ids.js';

/** The Apple enrolment columns a lock or wipe is planned from (with the product name out of the Authenticate report). */
export type AppleActionFacts = Pick<AppleEnrollment, 'type' | 'userEnrollment' | 'accessRights' | 'profileIdentifier'> & { productName: string | null };

/** A device about to be locked or wiped, with what its platform's channel plans the command from. */
export interface DeviceActionTarget {
  device: Device;
  /** Null when the device has no Apple enrolment (an Android device, or an Apple one whose enrolment is gone). */
  apple: AppleActionFacts | null;
  /** Null when the device has no Android record. */
  android: Pick<AndroidDevice, 'managementMode'> | null;
}

/** Whose retry a request may be: an earlier command with this idempotency key from this requester is replayed. */
export interface ReplayKey {
  requestedById: string | null;
  key: string;
}

interface TargetRow extends Device {
  appleType: AppleEnrollment['type'] | null;
  appleUserEnrollment: boolean | null;
  appleAccessRights: number | null;
  appleProfileIdentifier: string | null;
  appleProductName: string | null;
  hasApple: boolean;
  androidManagementMode: AndroidDevice['managementMode'] | null;
  hasAndroid: boolean;
  earlierCommandId: string | null;
}

/**
 * Everything a lock or wipe request reads before it stores its command, in ONE indexed statement (the request's
 * only read after authentication): the device, its Apple enrolment's traits or its Android management mode, and
 * the id of an earlier command with the same idempotency key from the same requester. Three reads through Prisma
 * cost a multiple of this one on the path that a fleet-wide wipe after a breach takes thousands of times, and the
 * requests that read at the same moment share the statement (one row per request, by ordinality).
 * `device` is null when no such device exists; `earlierCommandId` is looked up whether or not it does (a retry
 * answers with the first request's command even when the device has since gone).
 */
export async function readDeviceActionTarget(
  db: DbOrTx,
  deviceId: string,
  replay: ReplayKey | null,
): Promise<{ target: DeviceActionTarget | null; earlierCommandId: string | null }> {
  return readInBatch(db, { deviceId, replay });
}

/** A whole Device row in plain SQL (see columnsOf). */
const DEVICE_COLUMNS = columnsOf(Prisma.DeviceScalarFieldEnum, 'd');

type TargetRead = { target: DeviceActionTarget | null; earlierCommandId: string | null };

const readInBatch = statementBatcher<{ deviceId: string; replay: ReplayKey | null }, TargetRead>(async (db, inputs) => {
  // An id that is no UUID names no device; it must not fail the other requests' read (their ids are cast to uuid).
  const ids = inputs.map((input) => (isUuid(input.deviceId) ? input.deviceId : null));
  const rows = await queryRows<TargetRow & { n: string }>(
    db,
    // Two shapes of the replay lookup, so each is an equality on the (requestedById, idempotencyKey) unique index.
    `SELECT wanted."n"::text AS "n", ${DEVICE_COLUMNS},
            e."type" AS "appleType", e."userEnrollment" AS "appleUserEnrollment", e."accessRights" AS "appleAccessRights",
            e."profileIdentifier" AS "appleProfileIdentifier", e."lastAuthenticate"->>'ProductName' AS "appleProductName",
            e."deviceId" IS NOT NULL AS "hasApple",
            a."managementMode" AS "androidManagementMode", a."deviceId" IS NOT NULL AS "hasAndroid",
            CASE
              WHEN wanted."key" IS NULL THEN NULL
              WHEN wanted."requester" IS NULL THEN
                (SELECT c."id" FROM "Command" c WHERE c."requestedById" IS NULL AND c."idempotencyKey" = wanted."key" LIMIT 1)
              ELSE (SELECT c."id" FROM "Command" c WHERE c."requestedById" = wanted."requester" AND c."idempotencyKey" = wanted."key" LIMIT 1)
            END AS "earlierCommandId"
       FROM unnest($1::uuid[], $2::text[], $3::uuid[]) WITH ORDINALITY AS wanted("targetId", "key", "requester", "n")
       LEFT JOIN "Device" d ON d."id" = wanted."targetId"
       LEFT JOIN "AppleEnrollment" e ON e."deviceId" = d."id"
       LEFT JOIN "AndroidDevice" a ON a."deviceId" = d."id"`,
    [ids, inputs.map((input) => input.replay?.key ?? null), inputs.map((input) => input.replay?.requestedById ?? null)],
  );
  return byOrdinality(rows, inputs.length).map((row) => targetFrom(row));
});

function targetFrom(row: TargetRow | undefined): TargetRead {
  if (!row || row.id === null) return { target: null, earlierCommandId: row?.earlierCommandId ?? null };
  const {
    appleType, appleUserEnrollment, appleAccessRights, appleProfileIdentifier, appleProductName, hasApple,
    androidManagementMode, hasAndroid, earlierCommandId, ...device
  } = row;
  return {
    earlierCommandId,
    target: {
      device,
      apple: hasApple
        ? { type: appleType, userEnrollment: appleUserEnrollment!, accessRights: appleAccessRights!, profileIdentifier: appleProfileIdentifier, productName: appleProductName }
        : null,
      android: hasAndroid ? { managementMode: androidManagementMode } : null,
    },
  };
}
