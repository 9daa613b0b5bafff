CREATE TABLE "import_batches" (
	"id" varchar(36) PRIMARY KEY NOT NULL,
	"kind" varchar(32) NOT NULL,
	"user_id" integer,
	"scope_county" varchar(6),
	"file_name" text NOT NULL,
	"file_sha256" varchar(64) NOT NULL,
	"status" varchar(16) DEFAULT 'validated' NOT NULL,
	"rows" jsonb NOT NULL,
	"report" jsonb NOT NULL,
	"idempotency_key" varchar(128),
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone,
	CONSTRAINT "import_batches_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "import_batches_status" CHECK ("import_batches"."status" IN ('validated', 'committed'))
);
--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_batches_created_idx" ON "import_batches" USING btree ("created_at");