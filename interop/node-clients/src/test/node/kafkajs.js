// Drives kafkajs against a broker: admin, producer (plain and gzip), consumer group.
// Usage: node interop.js BOOTSTRAP TOPIC COUNT
// Prints one JSON line with what happened; exits non-zero on any failure.
const { Kafka, CompressionTypes, logLevel } = require('kafkajs');

const [bootstrap, topic, countArg] = process.argv.slice(2);
const count = parseInt(countArg, 10);
const kafka = new Kafka({ clientId: 'kafkajs-interop', brokers: [bootstrap], logLevel: logLevel.WARN });

async function main() {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
  await admin.disconnect();

  const producer = kafka.producer();
  await producer.connect();
  const acked = [];
  const half = Math.floor(count / 2);
  for (const [from, to, compression] of [[0, half, CompressionTypes.None], [half, count, CompressionTypes.GZIP]]) {
    const messages = [];
    for (let i = from; i < to; i++) messages.push({ key: `key-${i}`, value: `value-${i}` });
    const result = await producer.send({ topic, messages, acks: -1, compression });
    acked.push(...result);
  }
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: `${topic}-group`, sessionTimeout: 10000, rebalanceTimeout: 10000 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen = new Set();
  let duplicates = 0;
  await new Promise((resolve, reject) => {
    consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
    const timer = setTimeout(() => reject(new Error(`timed out with ${seen.size} of ${count} messages`)), 60000);
    consumer.run({
      eachMessage: async ({ message }) => {
        const value = message.value.toString();
        if (seen.has(value)) duplicates++;
        seen.add(value);
        if (seen.size === count) { clearTimeout(timer); resolve(); }
      },
    }).catch(reject);
  });
  await consumer.disconnect();

  console.log(JSON.stringify({
    partitions: metadata.topics[0].partitions.length,
    ackedPartitions: acked.length,
    consumed: seen.size,
    duplicates,
  }));
}

main().catch((e) => { console.error(e && e.stack ? e.stack : e); process.exit(1); });
