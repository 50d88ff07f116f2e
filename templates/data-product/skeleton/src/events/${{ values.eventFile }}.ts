${{ values.eventTypes }}
