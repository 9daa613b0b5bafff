CREATE INDEX "households_geog_idx" ON "households" USING gist (("geom"::geography));--> statement-breakpoint
CREATE INDEX "projects_geog_idx" ON "projects" USING gist (("geom"::geography));--> statement-breakpoint
CREATE INDEX "pv_stations_geog_idx" ON "pv_stations" USING gist (("geom"::geography));