ALTER TYPE "public"."target_method" ADD VALUE 'milestone';--> statement-breakpoint
ALTER TYPE "public"."target_method" ADD VALUE 'fixed';--> statement-breakpoint
ALTER TYPE "public"."target_method" ADD VALUE 'none';