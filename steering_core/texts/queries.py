"""Messages for a read of the database that failed (store.explain_query_error)."""

TEXTS = {
    "store.query.memory": {
        "da": "Databasen løb tør for hukommelse (grænse {limit}). Vælg en kortere periode, eller hæv grænsen "
              "med STEERING_MEMORY_LIMIT.",
        "en": "The database ran out of memory (limit {limit}). Choose a shorter period, or raise the limit "
              "with STEERING_MEMORY_LIMIT."},
    "store.query.schema": {
        "da": "Databasen {path} mangler en del, programmet forventer ({detail}). Den kan stamme fra en anden "
              "version af programmet.",
        "en": "The database {path} lacks a part the program expects ({detail}). It may come from another "
              "version of the program."},
    "store.query.interrupted": {
        "da": "Forespørgslen blev afbrudt. Prøv igen.",
        "en": "The query was interrupted. Try again."},
    "store.query.io": {
        "da": "Databasen {path} kunne ikke læses ({detail}). Kontrollér disken og rettighederne til filen.",
        "en": "The database {path} could not be read ({detail}). Check the disk and the file's permissions."},
    "store.query.failed": {
        "da": "Databasen kunne ikke besvare forespørgslen ({detail}).",
        "en": "The database could not answer the query ({detail})."},
}
