-- Failed sign-ins and wrong share passwords counted in PostgreSQL, shared by every server instance (issue #16).
CREATE TABLE "auth_failures" (
	"key" text NOT NULL,
	"failed_at" timestamp(3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "auth_failures_key_failed_at_idx" ON "auth_failures" USING btree ("key","failed_at");--> statement-breakpoint
CREATE INDEX "auth_failures_failed_at_idx" ON "auth_failures" USING btree ("failed_at");