-- PostGIS first: every geometry column below needs it.
CREATE EXTENSION IF NOT EXISTS postgis;--> statement-breakpoint
CREATE TYPE "public"."household_category" AS ENUM('not_lifted', 'edge', 'monitored', 'lifted');--> statement-breakpoint
CREATE TYPE "public"."industry_mode" AS ENUM('leading_enterprise', 'planting', 'breeding', 'pv', 'processing', 'ecommerce', 'tourism', 'other');--> statement-breakpoint
CREATE TYPE "public"."labour_capacity" AS ENUM('none', 'weak', 'full');--> statement-breakpoint
CREATE TYPE "public"."linkage_mechanism" AS ENUM('dividend', 'wages', 'land_rent', 'purchase_orders', 'asset_income');--> statement-breakpoint
CREATE TYPE "public"."project_category" AS ENUM('industry', 'infrastructure', 'welfare_job', 'education', 'medical', 'housing', 'employment', 'other');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('planned', 'approved', 'started', 'completed', 'accepted', 'operating', 'suspended');--> statement-breakpoint
CREATE TYPE "public"."pv_status" AS ENUM('building', 'grid_connected');--> statement-breakpoint
CREATE TYPE "public"."pv_type" AS ENUM('village', 'centralized', 'household');--> statement-breakpoint
CREATE TYPE "public"."region_level" AS ENUM('city', 'county', 'township', 'village');--> statement-breakpoint
CREATE TYPE "public"."responsible_level" AS ENUM('city', 'county', 'township', 'village');--> statement-breakpoint
CREATE TYPE "public"."target_method" AS ENUM('linear', 'elapsed_months');--> statement-breakpoint
CREATE TABLE "households" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"township_code" varchar(9) NOT NULL,
	"village_code" varchar(12) NOT NULL,
	"category" "household_category" NOT NULL,
	"labour" "labour_capacity" NOT NULL,
	"members" smallint NOT NULL,
	"industry_measures" smallint DEFAULT 0 NOT NULL,
	"wage_employment" boolean DEFAULT false NOT NULL,
	"dividend" boolean DEFAULT false NOT NULL,
	"public_welfare_job" boolean DEFAULT false NOT NULL,
	"social_assistance" boolean DEFAULT false NOT NULL,
	"income_per_capita_yuan" numeric(12, 2) NOT NULL,
	"holder_name" text,
	"id_number" varchar(18),
	"geom" geometry(Point,4326),
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "households_members" CHECK ("households"."members" BETWEEN 1 AND 20),
	CONSTRAINT "households_measures" CHECK ("households"."industry_measures" BETWEEN 0 AND 20)
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"year" smallint NOT NULL,
	"number" smallint NOT NULL,
	"meeting_date" date NOT NULL,
	"cut_off" date NOT NULL,
	CONSTRAINT "meetings_year_number_pk" PRIMARY KEY("year","number"),
	CONSTRAINT "meetings_cut_off" CHECK ("meetings"."cut_off" <= "meetings"."meeting_date")
);
--> statement-breakpoint
CREATE TABLE "project_beneficiaries" (
	"project_code" varchar(32) NOT NULL,
	"village_code" varchar(12) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"households" integer NOT NULL,
	CONSTRAINT "project_beneficiaries_project_code_village_code_pk" PRIMARY KEY("project_code","village_code"),
	CONSTRAINT "project_beneficiaries_positive" CHECK ("project_beneficiaries"."households" > 0)
);
--> statement-breakpoint
CREATE TABLE "project_progress" (
	"project_code" varchar(32) NOT NULL,
	"as_of" date NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"status" "project_status" NOT NULL,
	"arranged_wan" numeric(16, 4) NOT NULL,
	"disbursed_wan" numeric(16, 4) NOT NULL,
	"spent_wan" numeric(16, 4) NOT NULL,
	"physical_progress_pct" numeric(5, 2) NOT NULL,
	CONSTRAINT "project_progress_project_code_as_of_pk" PRIMARY KEY("project_code","as_of"),
	CONSTRAINT "project_progress_money" CHECK ("project_progress"."arranged_wan" >= 0 AND "project_progress"."disbursed_wan" >= 0 AND "project_progress"."spent_wan" >= 0),
	CONSTRAINT "project_progress_pct" CHECK ("project_progress"."physical_progress_pct" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"code" varchar(32) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"year" smallint NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"township_code" varchar(9),
	"village_code" varchar(12),
	"geom" geometry(Geometry,4326),
	"category" "project_category" NOT NULL,
	"industry_mode" "industry_mode",
	"responsible_level" "responsible_level" NOT NULL,
	"responsible_unit" text NOT NULL,
	"total_investment_wan" numeric(16, 4) NOT NULL,
	"arranged_wan" numeric(16, 4) DEFAULT 0 NOT NULL,
	"disbursed_wan" numeric(16, 4) DEFAULT 0 NOT NULL,
	"spent_wan" numeric(16, 4) DEFAULT 0 NOT NULL,
	"fund_central_wan" numeric(16, 4) DEFAULT 0 NOT NULL,
	"fund_province_wan" numeric(16, 4) DEFAULT 0 NOT NULL,
	"fund_city_wan" numeric(16, 4) DEFAULT 0 NOT NULL,
	"fund_county_wan" numeric(16, 4) DEFAULT 0 NOT NULL,
	"fund_finance_wan" numeric(16, 4) DEFAULT 0 NOT NULL,
	"fund_bond_wan" numeric(16, 4) DEFAULT 0 NOT NULL,
	"fund_social_wan" numeric(16, 4) DEFAULT 0 NOT NULL,
	"planned_start" date,
	"planned_completion" date,
	"actual_start" date,
	"actual_completion" date,
	"status" "project_status" NOT NULL,
	"households_reached" integer DEFAULT 0 NOT NULL,
	"poor_households_reached" integer DEFAULT 0 NOT NULL,
	"linkages" "linkage_mechanism"[] DEFAULT '{}' NOT NULL,
	"dividend_rate_pct" numeric(5, 2),
	"sign_main_leader" text,
	"sign_main_date" date,
	"sign_deputy_leader" text,
	"sign_deputy_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_money_non_negative" CHECK ("projects"."total_investment_wan" >= 0 AND "projects"."arranged_wan" >= 0 AND "projects"."disbursed_wan" >= 0 AND "projects"."spent_wan" >= 0
        AND "projects"."fund_central_wan" >= 0 AND "projects"."fund_province_wan" >= 0 AND "projects"."fund_city_wan" >= 0 AND "projects"."fund_county_wan" >= 0
        AND "projects"."fund_finance_wan" >= 0 AND "projects"."fund_bond_wan" >= 0 AND "projects"."fund_social_wan" >= 0),
	CONSTRAINT "projects_mode_only_for_industry" CHECK (("projects"."category" = 'industry') = ("projects"."industry_mode" IS NOT NULL)),
	CONSTRAINT "projects_geom_valid" CHECK ("projects"."geom" IS NULL OR ST_IsValid("projects"."geom")),
	CONSTRAINT "projects_households" CHECK ("projects"."households_reached" >= "projects"."poor_households_reached" AND "projects"."poor_households_reached" >= 0),
	CONSTRAINT "projects_dividend_rate" CHECK ("projects"."dividend_rate_pct" IS NULL OR ("projects"."dividend_rate_pct" >= 0 AND "projects"."dividend_rate_pct" <= 100))
);
--> statement-breakpoint
CREATE TABLE "pv_stations" (
	"code" varchar(32) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" "pv_type" NOT NULL,
	"capacity_kw" numeric(12, 2) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"township_code" varchar(9),
	"village_code" varchar(12),
	"geom" geometry(Point,4326),
	"status" "pv_status" NOT NULL,
	"grid_date" date,
	"registered" boolean DEFAULT false NOT NULL,
	"registered_date" date,
	"yearly_generation_kwh" numeric(14, 1) DEFAULT 0 NOT NULL,
	"yearly_income_wan" numeric(16, 4) DEFAULT 0 NOT NULL,
	"income_welfare_jobs_wan" numeric(16, 4) DEFAULT 0 NOT NULL,
	"income_collective_wan" numeric(16, 4) DEFAULT 0 NOT NULL,
	"households_reached" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "pv_stations_capacity" CHECK ("pv_stations"."capacity_kw" > 0),
	CONSTRAINT "pv_stations_income" CHECK ("pv_stations"."yearly_income_wan" >= 0 AND "pv_stations"."income_welfare_jobs_wan" >= 0 AND "pv_stations"."income_collective_wan" >= 0),
	CONSTRAINT "pv_stations_registered_date" CHECK ("pv_stations"."registered" OR "pv_stations"."registered_date" IS NULL)
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" varchar(12) PRIMARY KEY NOT NULL,
	"level" "region_level" NOT NULL,
	"name" text NOT NULL,
	"parent_code" varchar(12),
	"county_code" varchar(6),
	"geom" geometry(MultiPolygon,4326),
	"label_point" geometry(Point,4326),
	"is_poor_village" boolean DEFAULT false NOT NULL,
	"synthesized" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "regions_geom_valid" CHECK ("regions"."geom" IS NULL OR ST_IsValid("regions"."geom")),
	CONSTRAINT "regions_code_shape" CHECK (("regions"."level" = 'city' AND "regions"."code" ~ '^[0-9]{4}$') OR ("regions"."level" = 'county' AND "regions"."code" ~ '^[0-9]{6}$')
        OR ("regions"."level" = 'township' AND "regions"."code" ~ '^[0-9]{9}$') OR ("regions"."level" = 'village' AND "regions"."code" ~ '^[0-9]{12}$'))
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"year" smallint NOT NULL,
	"measure_id" text NOT NULL,
	"window_start" date NOT NULL,
	"basic_completion" date NOT NULL,
	"full_completion" date NOT NULL,
	"method" "target_method" DEFAULT 'linear' NOT NULL,
	"lag_threshold_pts" numeric(5, 2) DEFAULT -5 NOT NULL,
	"milestones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "targets_year_measure_id_pk" PRIMARY KEY("year","measure_id"),
	CONSTRAINT "targets_window" CHECK ("targets"."window_start" < "targets"."basic_completion" AND "targets"."basic_completion" <= "targets"."full_completion")
);
--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_county_code_regions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_township_code_regions_code_fk" FOREIGN KEY ("township_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_village_code_regions_code_fk" FOREIGN KEY ("village_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_beneficiaries" ADD CONSTRAINT "project_beneficiaries_project_code_projects_code_fk" FOREIGN KEY ("project_code") REFERENCES "public"."projects"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_beneficiaries" ADD CONSTRAINT "project_beneficiaries_village_code_regions_code_fk" FOREIGN KEY ("village_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_progress" ADD CONSTRAINT "project_progress_project_code_projects_code_fk" FOREIGN KEY ("project_code") REFERENCES "public"."projects"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_county_code_regions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_township_code_regions_code_fk" FOREIGN KEY ("township_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_village_code_regions_code_fk" FOREIGN KEY ("village_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pv_stations" ADD CONSTRAINT "pv_stations_county_code_regions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pv_stations" ADD CONSTRAINT "pv_stations_township_code_regions_code_fk" FOREIGN KEY ("township_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pv_stations" ADD CONSTRAINT "pv_stations_village_code_regions_code_fk" FOREIGN KEY ("village_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_parent_code_regions_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "households_county_idx" ON "households" USING btree ("county_code","category");--> statement-breakpoint
CREATE INDEX "households_village_idx" ON "households" USING btree ("village_code");--> statement-breakpoint
CREATE INDEX "households_geom_idx" ON "households" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "project_beneficiaries_village_idx" ON "project_beneficiaries" USING btree ("village_code");--> statement-breakpoint
CREATE INDEX "project_progress_county_idx" ON "project_progress" USING btree ("county_code","as_of");--> statement-breakpoint
CREATE INDEX "projects_county_idx" ON "projects" USING btree ("county_code","year");--> statement-breakpoint
CREATE INDEX "projects_township_idx" ON "projects" USING btree ("township_code");--> statement-breakpoint
CREATE INDEX "projects_village_idx" ON "projects" USING btree ("village_code");--> statement-breakpoint
CREATE INDEX "projects_geom_idx" ON "projects" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "pv_stations_county_idx" ON "pv_stations" USING btree ("county_code");--> statement-breakpoint
CREATE INDEX "pv_stations_village_idx" ON "pv_stations" USING btree ("village_code");--> statement-breakpoint
CREATE INDEX "pv_stations_geom_idx" ON "pv_stations" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "regions_county_idx" ON "regions" USING btree ("county_code");--> statement-breakpoint
CREATE INDEX "regions_level_idx" ON "regions" USING btree ("level");--> statement-breakpoint
CREATE INDEX "regions_geom_idx" ON "regions" USING gist ("geom");