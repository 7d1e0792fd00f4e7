-- CreateTable
CREATE TABLE "domain_event" (
    "id" BIGSERIAL NOT NULL,
    "txid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    "organizationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "domain_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "domain_event_organizationId_txid_id_idx" ON "domain_event"("organizationId", "txid", "id");

-- CreateIndex
CREATE INDEX "domain_event_txid_id_idx" ON "domain_event"("txid", "id");

-- CreateIndex
CREATE INDEX "domain_event_createdAt_idx" ON "domain_event"("createdAt");

-- AddForeignKey
ALTER TABLE "domain_event" ADD CONSTRAINT "domain_event_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
