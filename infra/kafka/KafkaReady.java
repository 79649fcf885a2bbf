import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Readiness probe used by start.sh: exits 0 once the broker at args[0] answers a metadata
 * (DescribeCluster + ListTopics) request, 1 if it does not within args[1] seconds.
 * With "--warm-up" it then also brings up the group coordinator (__consumer_offsets), the
 * transaction coordinator (__transaction_state) and the producer-id block, which a fresh broker
 * creates lazily; otherwise the first test's client logs transient COORDINATOR_NOT_AVAILABLE
 * errors while it retries.
 * Compiled into .work/probe with the Kafka client jars already fetched for the broker.
 */
public final class KafkaReady {
    public static void main(String[] args) throws InterruptedException {
        String bootstrap = args[0];
        long deadline = System.currentTimeMillis() + Long.parseLong(args[1]) * 1000L;

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "infra-kafka-ready");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);

        String lastError = "no answer";
        try (Admin admin = Admin.create(props)) {
            while (System.currentTimeMillis() < deadline) {
                try {
                    DescribeClusterResult cluster = admin.describeCluster();
                    Collection<Node> nodes = cluster.nodes().get();
                    String clusterId = cluster.clusterId().get();
                    Set<String> topics = admin.listTopics().names().get();
                    if (!nodes.isEmpty()) {
                        System.out.println("kafka ready: cluster " + clusterId + ", brokers " + nodes
                                + ", " + topics.size() + " topic(s)");
                        if (args.length > 2 && args[2].equals("--warm-up")) {
                            warmUp(admin, bootstrap, deadline);
                        }
                        return;
                    }
                    lastError = "metadata lists no brokers yet";
                } catch (ExecutionException e) {
                    lastError = String.valueOf(e.getCause());
                }
                Thread.sleep(500);
            }
        }
        System.err.println("kafka not ready at " + bootstrap + ": " + lastError);
        System.exit(1);
    }

    private static void warmUp(Admin admin, String bootstrap, long deadline) throws InterruptedException {
        String lastError = "no answer";
        while (System.currentTimeMillis() < deadline) {
            try {
                // FindCoordinator(GROUP): creates __consumer_offsets and waits for its coordinator.
                // The coordinator answering "no such group" is the answer we want.
                try {
                    admin.describeConsumerGroups(List.of("infra-kafka-warm-up")).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof GroupIdNotFoundException)) throw e;
                }
                // FindCoordinator(TRANSACTION) + InitProducerId: __transaction_state, producer ids.
                Properties props = new Properties();
                props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                props.put(ProducerConfig.CLIENT_ID_CONFIG, "infra-kafka-warm-up");
                props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "infra-kafka-warm-up");
                props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        Math.max(1000L, deadline - System.currentTimeMillis()));
                try (KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                    producer.initTransactions();
                }
                System.out.println("kafka warmed up: group and transaction coordinators ready");
                return;
            } catch (ExecutionException e) {
                lastError = String.valueOf(e.getCause());
            } catch (RuntimeException e) {
                lastError = String.valueOf(e);
            }
            Thread.sleep(500);
        }
        System.err.println("kafka coordinators not ready at " + bootstrap + ": " + lastError);
        System.exit(1);
    }
}
