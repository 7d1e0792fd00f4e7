-- AlterTable
ALTER TABLE "report_run" ADD COLUMN     "customerId" TEXT,
ADD COLUMN     "invoiceStatus" TEXT,
ALTER COLUMN "groupBy" DROP NOT NULL,
ALTER COLUMN "from" DROP NOT NULL,
ALTER COLUMN "to" DROP NOT NULL;
