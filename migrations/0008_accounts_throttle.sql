-- Failed logins are counted per (username, client IP) instead of per username: the old per-username
-- counts and locks are dropped (they only ever delayed logins).
DELETE FROM "login_throttle";--> statement-breakpoint
ALTER TABLE "login_throttle" DROP CONSTRAINT "login_throttle_pkey";--> statement-breakpoint
ALTER TABLE "login_throttle" ADD COLUMN "client" varchar(64) DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "login_throttle" ADD COLUMN "last_failure_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "login_throttle" ADD CONSTRAINT "login_throttle_username_client_pk" PRIMARY KEY("username","client");--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "password_failures" integer DEFAULT 0 NOT NULL;
