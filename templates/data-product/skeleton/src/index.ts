export * from './events/${{ values.eventFile }}';
