-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "chatAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "chatError" TEXT,
ADD COLUMN     "chatStatus" TEXT;

-- CreateIndex
CREATE INDEX "Notification_chatStatus_createdAt_idx" ON "Notification"("chatStatus", "createdAt");

-- Role-addressed notifications (audience IT, ADMIN, ...) are candidates for the Teams/Slack channel; the worker's
-- chat.dispatch job posts those for CHAT_WEBHOOK_AUDIENCE and marks the rest SKIPPED. Set in the same transaction
-- as the notification, whichever code (or trigger) wrote it.
CREATE FUNCTION notification_chat_pending() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."chatStatus" := CASE WHEN NEW."audience" IS NOT NULL THEN 'PENDING' END;
  RETURN NEW;
END;
$$;

CREATE TRIGGER notification_chat_pending
  BEFORE INSERT ON "Notification"
  FOR EACH ROW EXECUTE FUNCTION notification_chat_pending();
