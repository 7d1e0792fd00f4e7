-- AlterTable
ALTER TABLE "invoice" ADD COLUMN     "parties" JSONB;

-- AlterTable
ALTER TABLE "organization" ADD COLUMN     "paymentInstructions" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "postalAddress" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "replyTo" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "senderName" TEXT NOT NULL DEFAULT '';
