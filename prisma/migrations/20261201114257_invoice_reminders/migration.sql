-- AlterTable
ALTER TABLE "invoice" ADD COLUMN     "lastReminderAt" TIMESTAMP(3);
