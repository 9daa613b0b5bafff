CREATE TABLE "ledger_signoffs" (
	"county_code" varchar(6) NOT NULL,
	"period" varchar(7) NOT NULL,
	"role" varchar(8) NOT NULL,
	"user_id" integer NOT NULL,
	"signer_name" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"ledger_digest" varchar(32) NOT NULL,
	CONSTRAINT "ledger_signoffs_county_code_period_role_pk" PRIMARY KEY("county_code","period","role"),
	CONSTRAINT "ledger_signoffs_role" CHECK ("ledger_signoffs"."role" IN ('main', 'deputy')),
	CONSTRAINT "ledger_signoffs_period" CHECK ("ledger_signoffs"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "ledger_signoffs" ADD CONSTRAINT "ledger_signoffs_county_code_regions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_signoffs" ADD CONSTRAINT "ledger_signoffs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;