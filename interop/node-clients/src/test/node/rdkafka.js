// Drives librdkafka (through node-rdkafka) against a broker: admin, idempotent lz4 producer,
// consumer group. Usage: node rdkafka.js BOOTSTRAP TOPIC COUNT
// Prints one JSON line with what happened; exits non-zero on any failure.
const Kafka = require('node-rdkafka');

const [bootstrap, topic, countArg] = process.argv.slice(2);
const count = parseInt(countArg, 10);
const fail = (e) => { console.error(e && e.stack ? e.stack : e); process.exit(1); };
setTimeout(() => fail(new Error('timed out')), 90000).unref();

function createTopic() {
  const admin = Kafka.AdminClient.create({ 'metadata.broker.list': bootstrap });
  return new Promise((resolve, reject) => {
    admin.createTopic({ topic, num_partitions: 3, replication_factor: 1 }, (err) => {
      admin.disconnect();
      return err ? reject(err) : resolve();
    });
  });
}

function produce() {
  const producer = new Kafka.Producer({
    'metadata.broker.list': bootstrap,
    'dr_cb': true,
    'enable.idempotence': true,
    'acks': 'all',
    'compression.codec': 'lz4',
  });
  return new Promise((resolve, reject) => {
    let acked = 0;
    producer.on('delivery-report', (err) => {
      if (err) return reject(err);
      if (++acked === count) {
        clearInterval(poller);
        producer.disconnect(() => resolve(acked));
      }
    });
    producer.on('event.error', reject);
    let poller;
    producer.on('ready', () => {
      for (let i = 0; i < count; i++) {
        producer.produce(topic, null, Buffer.from(`value-${i}`), `key-${i}`);
      }
      poller = setInterval(() => producer.poll(), 20);
    });
    producer.connect();
  });
}

function consume() {
  const consumer = new Kafka.KafkaConsumer(
    { 'metadata.broker.list': bootstrap, 'group.id': `${topic}-group`, 'enable.auto.commit': true },
    { 'auto.offset.reset': 'earliest' });
  return new Promise((resolve, reject) => {
    const seen = new Set();
    let duplicates = 0;
    consumer.on('event.error', reject);
    consumer.on('data', (message) => {
      const value = message.value.toString();
      if (seen.has(value)) duplicates++;
      seen.add(value);
      if (seen.size === count) {
        consumer.disconnect(() => resolve({ consumed: seen.size, duplicates }));
      }
    });
    consumer.on('ready', () => {
      consumer.subscribe([topic]);
      consumer.consume();
    });
    consumer.connect();
  });
}

(async () => {
  await createTopic();
  const acked = await produce();
  const result = await consume();
  console.log(JSON.stringify({ acked, ...result }));
  process.exit(0);
})().catch(fail);
