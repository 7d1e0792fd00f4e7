/*
  Warnings:

  - Added the required column `outcome` to the `webhook_event` table without a default value. This is not possible if the table is not empty.

*/
-- CreateEnum
CREATE TYPE "WebhookEventOutcome" AS ENUM ('applied', 'ignored', 'rejected');

-- AlterTable
ALTER TABLE "webhook_event" ADD COLUMN     "outcome" "WebhookEventOutcome" NOT NULL,
ADD COLUMN     "reason" TEXT;
