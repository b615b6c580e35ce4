-- The passcode and data protection (restrictions) profiles now share one mechanism (src/mdm/apple/managed-profiles.ts):
-- a profile's version is its content-derived PayloadUUID, so the separate content hash goes.
-- AlterTable
ALTER TABLE "AppleManagedProfile" DROP COLUMN "contentHash";

-- The data protection profile used to be tracked only through the device's last ProfileList. A device that lists
-- it (identifier <prefix>.data-protection, installed by MDM) gets its row, verified at that version, so it is not
-- sent again unless the policy asks for a different version. Its settings are unknown here (the next install
-- records them); nothing reads them for this kind.
INSERT INTO "AppleManagedProfile" ("deviceId", "kind", "identifier", "payloadUuid", "settings", "state", "installedAt", "verifiedAt", "updatedAt")
SELECT DISTINCT ON (e."deviceId")
       e."deviceId", 'data-protection', p->>'PayloadIdentifier', upper(p->>'PayloadUUID'), '{}'::jsonb, 'VERIFIED',
       CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM "AppleEnrollment" e
JOIN "Device" d ON d."id" = e."deviceId" AND d."status" = 'ENROLLED'
CROSS JOIN LATERAL jsonb_array_elements(
  CASE WHEN jsonb_typeof(e."lastProfileList"->'ProfileList') = 'array' THEN e."lastProfileList"->'ProfileList' ELSE '[]'::jsonb END
) AS p
WHERE e."checkedOutAt" IS NULL
  AND jsonb_typeof(p) = 'object'
  AND p->>'PayloadIdentifier' LIKE '%.data-protection'
  AND jsonb_typeof(p->'PayloadUUID') = 'string'
  AND coalesce(p->'IsManaged', 'true'::jsonb) <> 'false'::jsonb
ORDER BY e."deviceId"
ON CONFLICT ("deviceId", "kind") DO NOTHING;
