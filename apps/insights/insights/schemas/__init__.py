"""The service's request and response models: the contract that openapi.json publishes."""
