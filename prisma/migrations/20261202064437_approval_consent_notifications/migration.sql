-- ============================================================================================================
-- Notifications (and so e-mail, through the Notification outbox trigger) for approvals and consent changes,
-- written by triggers in the same transaction as the change, whichever code path makes it:
--   * a full wipe or a bulk lock/wipe waiting for a second approver: IT and ADMIN are asked; the requester hears
--     when it is approved or cancelled;
--   * consent accepted or withdrawn: the person (and, for a withdrawal, IT: personal devices are being wiped);
--   * a new privacy notice version: everyone whose consent is on an older version must accept again.
-- ============================================================================================================

CREATE FUNCTION add_notification(p_kind text, p_audience text, p_user uuid, p_subject text, p_body text, p_data jsonb) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "Notification" ("id", "kind", "audience", "userId", "subject", "body", "data", "createdAt")
  VALUES (gen_random_uuid(), p_kind, p_audience, p_user, p_subject, p_body, p_data, now() AT TIME ZONE 'UTC');
$$;

CREATE FUNCTION command_approval_notification() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  data jsonb := jsonb_build_object('commandId', NEW."id", 'deviceId', NEW."deviceId", 'action', NEW."action");
BEGIN
  IF NEW."status" = 'AWAITING_APPROVAL' AND (TG_OP = 'INSERT' OR OLD."status" IS DISTINCT FROM NEW."status") THEN
    PERFORM add_notification('approval_requested', role, NULL, 'A full wipe waits for a second approver',
      format('Device %s: a full wipe was requested (reason: %s). Another IT or ADMIN person approves it with POST /v1/wipes/%s/approve or cancels it.',
             NEW."deviceId", coalesce(NEW."reason", 'none given'), NEW."id"),
      data || jsonb_build_object('requestedById', NEW."requestedById"))
      FROM unnest(ARRAY['IT', 'ADMIN']) AS role;
  ELSIF TG_OP = 'UPDATE' AND OLD."status" = 'AWAITING_APPROVAL' AND NEW."status" <> 'AWAITING_APPROVAL' AND NEW."requestedById" IS NOT NULL THEN
    PERFORM add_notification(CASE WHEN NEW."status" = 'CANCELLED' THEN 'approval_declined' ELSE 'approval_granted' END, NULL, NEW."requestedById",
      CASE WHEN NEW."status" = 'CANCELLED' THEN 'Your full wipe request was cancelled' ELSE 'Your full wipe request was approved' END,
      format('Device %s, command %s: now %s.', NEW."deviceId", NEW."id", lower(NEW."status"::text)),
      data || jsonb_build_object('approvedById', NEW."approvedById", 'cancelledById', NEW."cancelledById"));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER command_approval_notification
  AFTER INSERT OR UPDATE OF "status" ON "Command"
  FOR EACH ROW EXECUTE FUNCTION command_approval_notification();

CREATE FUNCTION bulk_action_approval_notification() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  data jsonb := jsonb_build_object('bulkActionId', NEW."id", 'action', NEW."action", 'total', NEW."total");
BEGIN
  IF NEW."status" = 'AWAITING_APPROVAL' AND (TG_OP = 'INSERT' OR OLD."status" IS DISTINCT FROM NEW."status") THEN
    PERFORM add_notification('approval_requested', role, NULL, format('A bulk %s of %s devices waits for a second approver', lower(NEW."action"::text), NEW."total"),
      format('Reason: %s. Another IT or ADMIN person approves it with POST /v1/device-actions/%s/approve.', coalesce(NEW."reason", 'none given'), NEW."id"),
      data || jsonb_build_object('requestedById', NEW."requestedById"))
      FROM unnest(ARRAY['IT', 'ADMIN']) AS role;
  ELSIF TG_OP = 'UPDATE' AND OLD."status" = 'AWAITING_APPROVAL' AND NEW."status" <> 'AWAITING_APPROVAL' AND NEW."requestedById" IS NOT NULL THEN
    PERFORM add_notification('approval_granted', NULL, NEW."requestedById",
      format('Your bulk %s of %s devices was approved', lower(NEW."action"::text), NEW."total"),
      format('Bulk action %s: follow it with GET /v1/device-actions/%s.', NEW."id", NEW."id"),
      data || jsonb_build_object('approvedById', NEW."approvedById"));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER bulk_action_approval_notification
  AFTER INSERT OR UPDATE OF "status" ON "BulkAction"
  FOR EACH ROW EXECUTE FUNCTION bulk_action_approval_notification();

CREATE FUNCTION consent_accepted_notification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM add_notification('consent_accepted', NULL, NEW."userId", format('You accepted the privacy notice (version %s)', n."version"),
    'Your organisation may now manage work data on your personal device as the notice describes. You can withdraw at any time; work data is then removed from your device.',
    jsonb_build_object('noticeVersion', n."version"))
    FROM "PrivacyNotice" n WHERE n."id" = NEW."noticeId";
  RETURN NULL;
END;
$$;

CREATE TRIGGER consent_accepted_notification
  AFTER INSERT ON "Consent"
  FOR EACH ROW EXECUTE FUNCTION consent_accepted_notification();

-- Statement level: withdrawing ends every consent row of the person at once; they get one message, IT one per person.
CREATE FUNCTION consent_withdrawn_notification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM add_notification('consent_withdrawn', NULL, w."userId", 'You withdrew your consent',
      'Work data and the management profile are being removed from your personal devices. Accept the privacy notice again to enrol a personal device.', '{}'::jsonb),
    add_notification('consent_withdrawn', 'IT', NULL, format('%s withdrew BYOD consent', u."name"),
      format('User %s withdrew consent: their personal devices get a selective wipe.', w."userId"), jsonb_build_object('userId', w."userId"))
    FROM (SELECT DISTINCT n."userId" FROM new_rows n JOIN old_rows o ON o."id" = n."id" WHERE o."withdrawnAt" IS NULL AND n."withdrawnAt" IS NOT NULL) w
    JOIN "User" u ON u."id" = w."userId";
  RETURN NULL;
END;
$$;

CREATE TRIGGER consent_withdrawn_notification
  AFTER UPDATE ON "Consent"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION consent_withdrawn_notification();

CREATE FUNCTION privacy_notice_reconsent_notification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM add_notification('consent_renewal_required', NULL, c."userId", format('Please review the new privacy notice (version %s)', NEW."version"),
    format('"%s" replaces the version you accepted. Accept it (POST /v1/consents) before enrolling another personal device.', NEW."title"),
    jsonb_build_object('noticeVersion', NEW."version"))
    FROM (SELECT DISTINCT c."userId" FROM "Consent" c JOIN "PrivacyNotice" p ON p."id" = c."noticeId"
           WHERE c."withdrawnAt" IS NULL AND p."version" < NEW."version") c;
  RETURN NULL;
END;
$$;

CREATE TRIGGER privacy_notice_reconsent_notification
  AFTER INSERT ON "PrivacyNotice"
  FOR EACH ROW EXECUTE FUNCTION privacy_notice_reconsent_notification();
