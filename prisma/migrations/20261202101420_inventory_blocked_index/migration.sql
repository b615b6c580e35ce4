-- CreateIndex
CREATE INDEX "DeviceCompliance_blocked_state_deviceId_idx" ON "DeviceCompliance"("blocked", "state", "deviceId");
