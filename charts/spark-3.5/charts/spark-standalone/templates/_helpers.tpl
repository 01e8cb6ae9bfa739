{{/*
Named templates shared by every component of this chart. Prefix: "spark-standalone.".
*/}}














