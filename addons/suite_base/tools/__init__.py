# Pure helpers shared by the suite's add-ons (one home each, see ARCHITECTURE.md).
